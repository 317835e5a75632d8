# Netralitas: the commands a newcomer needs. `make run` serves the embedded default, `make test` tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run serve test worker beat lock schema clean

$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

## run: migrate, seed demo data and serve on http://127.0.0.1:$(PORT) (SQLite, in-process tasks)
run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## serve: the production server (gunicorn, config/gunicorn_config.py): WEB_CONCURRENCY worker
## processes of WEB_THREADS threads on $(PORT); migrate and collectstatic are deploy steps, not here
serve: $(BIN)/.installed
	PORT=$(PORT) $(BIN)/gunicorn --config config/gunicorn_config.py config.wsgi

## test: the whole suite, against whatever DATABASE_URL / CELERY_BROKER_URL say (SQLite by default)
test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

## worker / beat: real Celery processes (need CELERY_BROKER_URL)
worker: $(BIN)/.installed
	$(BIN)/celery -A config worker --queues default,detection,notices --loglevel INFO

beat: $(BIN)/.installed
	$(BIN)/celery -A config beat --loglevel INFO

## lock: re-resolve requirements.lock from pyproject.toml in a throw-away environment
lock:
	rm -rf /tmp/netralitas-lock && $(PYTHON) -m venv /tmp/netralitas-lock
	/tmp/netralitas-lock/bin/pip install --quiet ".[dev]"
	/tmp/netralitas-lock/bin/pip freeze --exclude netralitas > requirements.lock

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache
