"""Loading the Kemendagri region codes (core/data/regions-id.csv) into Region rows."""

import csv
from pathlib import Path

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "regions-id.csv"
LEVELS = ("province", "regency", "district")


def read_regions(path: Path = REGIONS_CSV) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for line, row in enumerate(rows, start=2):
        if row["level"] not in LEVELS:
            raise ValueError(f"{path.name} line {line}: unknown level {row['level']!r}")
    return rows


def load_regions(region_model, path: Path = REGIONS_CSV) -> tuple[int, int]:
    """Insert new regions and rename changed ones, level by level so parents exist first.

    Takes the model as an argument so the data migration can pass its historical model.
    Returns (created, updated).
    """
    rows = read_regions(path)
    existing = {r.code: r for r in region_model.objects.all()}
    created = updated = 0
    for level in LEVELS:
        ids = {code: r.id for code, r in existing.items()}
        new, changed = [], []
        for row in (r for r in rows if r["level"] == level):
            parent_id = ids.get(row["parent_code"]) if row["parent_code"] else None
            current = existing.get(row["code"])
            if current is None:
                new.append(
                    region_model(
                        code=row["code"], name=row["name"], level=level, parent_id=parent_id
                    )
                )
            elif current.name != row["name"] or current.parent_id != parent_id:
                current.name, current.parent_id = row["name"], parent_id
                changed.append(current)
        for region in region_model.objects.bulk_create(new, batch_size=2000):
            existing[region.code] = region
        region_model.objects.bulk_update(changed, ["name", "parent"], batch_size=2000)
        if any(r.id is None for r in new):  # backends without RETURNING ids on bulk insert
            existing.update({r.code: r for r in region_model.objects.filter(level=level)})
        created += len(new)
        updated += len(changed)
    return created, updated
