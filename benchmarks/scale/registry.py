"""The synthetic national registry, written as the import files: every province and every
regency or city with a regional government (core/data/regions-id.csv) and the central
ministries and agencies, about 600 institutions; civil servants with real-looking NIPs of both
layouts (cases/nip.py), PNS and PPPK; the social accounts linked to seven in ten of them.

Everything is a function of the civil servant's index, so the post feed can name a linked
account without holding the registry in memory."""

import csv
import datetime
import random
from pathlib import Path

from django.conf import settings

ASN_HEADER = ["nip", "name", "institution", "position", "region_code", "employment_type"]
CENTRAL = [
    "Kementerian Agama", "Kementerian Pendidikan Dasar dan Menengah", "Kementerian Kesehatan",
    "Kementerian Keuangan", "Kementerian Dalam Negeri", "Kementerian Hukum",
    "Kementerian Pertanian", "Kementerian Perhubungan", "Kementerian Sosial",
    "Kementerian Pekerjaan Umum", "Kementerian Ketenagakerjaan", "Kementerian Perindustrian",
    "Kementerian Perdagangan", "Kementerian Kelautan dan Perikanan", "Kementerian Kehutanan",
    "Kementerian Lingkungan Hidup", "Kementerian Agraria dan Tata Ruang",
    "Kementerian Luar Negeri", "Kementerian Pertahanan", "Kementerian Sekretariat Negara",
    "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "Kementerian Komunikasi dan Digital", "Kementerian Energi dan Sumber Daya Mineral",
    "Kementerian Desa dan Pembangunan Daerah Tertinggal", "Kementerian Pariwisata",
    "Kementerian Koperasi", "Kementerian Pemuda dan Olahraga", "Kementerian Kebudayaan",
    "Kementerian Investasi dan Hilirisasi", "Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
    "Kementerian Imigrasi dan Pemasyarakatan", "Kementerian Perumahan dan Kawasan Permukiman",
    "Kementerian Transmigrasi", "Kementerian Badan Usaha Milik Negara",
    "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
    "Kementerian Perencanaan Pembangunan Nasional", "Badan Kepegawaian Negara",
    "Badan Pusat Statistik", "Badan Pengawasan Keuangan dan Pembangunan",
    "Badan Siber dan Sandi Negara", "Badan Meteorologi, Klimatologi, dan Geofisika",
    "Badan Nasional Penanggulangan Bencana", "Badan Pengawas Obat dan Makanan",
    "Badan Riset dan Inovasi Nasional", "Badan Pengawas Pemilihan Umum",
    "Komisi Pemilihan Umum", "Lembaga Administrasi Negara", "Arsip Nasional Republik Indonesia",
    "Perpustakaan Nasional", "Badan Informasi Geospasial", "Badan Narkotika Nasional",
    "Badan Pengembangan dan Pembinaan Bahasa", "Mahkamah Agung", "Kejaksaan Republik Indonesia",
]  # fmt: skip
CENTRAL_SHARE = 0.3  # of the ASN, spread over the central institutions
PPPK_SHARE = 0.25
LINKED_SHARE = 0.7  # ASN with a linked social account
FIRST = ["Agus", "Budi", "Dewi", "Eka", "Fitri", "Gita", "Hadi", "Indah", "Joko", "Kartika",
         "Lestari", "Made", "Nur", "Putu", "Rina", "Siti", "Teguh", "Umar", "Wahyu", "Yuni",
         "Andi", "Bayu", "Citra", "Dian", "Endang", "Fajar", "Ketut", "Muhammad", "Ratna", "Sri"]  # fmt: skip
LAST = ["Santoso", "Wijaya", "Lestari", "Saputra", "Hidayat", "Kusuma", "Pratama", "Rahayu",
        "Susanto", "Nugroho", "Siregar", "Harahap", "Simanjuntak", "Pangaribuan", "Wibowo",
        "Setiawan", "Purnomo", "Handayani", "Gunawan", "Sembiring", "Tanjung", "Nasution",
        "Permana", "Suryani", "Halim", "Manurung", "Daulay", "Lubis", "Syahputra", "Rahman"]  # fmt: skip
POSITIONS = ["Guru Ahli Pertama", "Guru Ahli Muda", "Perawat Terampil", "Bidan Ahli Pertama",
             "Dokter Ahli Pertama", "Penyuluh Pertanian", "Analis Kebijakan", "Pranata Komputer",
             "Pengelola Keuangan", "Arsiparis", "Camat", "Lurah", "Sekretaris Desa", "Staf",
             "Kepala Seksi", "Kepala Bidang", "Auditor", "Pengadministrasi Umum", "Statistisi",
             "Penyuluh Agama"]  # fmt: skip
PLATFORMS = ["x", "facebook", "instagram", "tiktok"]
BIRTH_DAYS = 35 * 365  # birth dates from 1965 on
FIRST_BIRTH = datetime.date(1965, 1, 1)


def read_regions() -> tuple[list[tuple], dict[str, list[str]]]:
    """([(code, name, level)] of the provinces and regencies/cities, {province or regency:
    [its districts]})."""
    upper, districts = [], {}
    path = Path(settings.BASE_DIR) / "core" / "data" / "regions-id.csv"
    with open(path, encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["level"] != "district":
                upper.append((row["code"], row["name"], row["level"]))
                continue
            regency = row["parent_code"]
            for code in (regency, regency.split(".")[0]):
                districts.setdefault(code, []).append(row["code"])
    return upper, districts


def institutions() -> list[tuple[str, str]]:
    """[(name, a region code of its ASN)]: every regional government and the central ones.
    The cities and regency of DKI Jakarta are administrative: their ASN are the province's."""
    upper, _ = read_regions()
    regional = [
        (f"Pemerintah Provinsi {name}" if level == "province" else f"Pemerintah {name}", code)
        for code, name, level in upper
        if "Administrasi" not in name
    ]
    return regional + [(name, "31") for name in CENTRAL]  # seated in Jakarta


def nip(i: int, pppk: bool, rng: random.Random) -> str:
    """A valid NIP, distinct for every i < 2 * 999 * BIRTH_DAYS: birth date, gender and serial
    are a function of i; the appointment is drawn."""
    serial, gender, day = i % 999 + 1, i // 999 % 2 + 1, i // 1998
    birth = FIRST_BIRTH + datetime.timedelta(days=day * 7919 % BIRTH_DAYS)
    if pppk:  # the appointment year, then a code from 21 to 29 where a PNS has the month
        appointed = f"{rng.randint(max(2019, birth.year + 19), 2025)}{rng.randint(21, 24)}"
    else:
        appointed = f"{rng.randint(birth.year + 19, min(2025, birth.year + 40))}"
        appointed += f"{rng.randint(1, 12):02d}"
    return f"{birth:%Y%m%d}{appointed}{gender}{serial:03d}"


def handle(i: int) -> tuple[str, str] | None:
    """(platform, handle) of the account linked to civil servant i, if it has one."""
    if i % 10 >= LINKED_SHARE * 10:
        return None
    return PLATFORMS[i % 4], f"{FIRST[i % 30].lower()}.{LAST[i // 30 % 30].lower()}{i}"


def write(directory: Path, asn: int, seed: int = 0) -> dict[str, Path]:
    """institutions.csv (the first civil servant of every institution: importing it creates
    the institution and its PPK agency), asn.csv (the others) and accounts.csv."""
    rng = random.Random(seed)
    named = institutions()
    central = {i for i, (name, _) in enumerate(named) if not name.startswith("Pemerintah ")}
    central_list = sorted(central)
    regional = [i for i in range(len(named)) if i not in central]
    _, districts = read_regions()
    files = {name: directory / f"{name}.csv" for name in ("institutions", "asn", "accounts")}
    with (
        open(files["institutions"], "w", encoding="utf-8", newline="") as first,
        open(files["asn"], "w", encoding="utf-8", newline="") as rest,
        open(files["accounts"], "w", encoding="utf-8", newline="") as accounts,
    ):
        writers = [csv.writer(first), csv.writer(rest)]
        for writer in writers:
            writer.writerow(ASN_HEADER)
        linked = csv.writer(accounts)
        linked.writerow(["nip", "platform", "handle"])
        for i in range(asn):
            if i < len(named):
                where = i  # one for every institution first
            else:
                pool = central_list if rng.random() < CENTRAL_SHARE else regional
                where = pool[rng.randrange(len(pool))]
            name, code = named[where]
            if where in central and i >= len(named):  # their offices are everywhere
                code = named[regional[rng.randrange(len(regional))]][1]
            pppk = rng.random() < PPPK_SHARE
            number = nip(i, pppk, rng)
            region = rng.choice(districts[code])
            writers[i >= len(named)].writerow(
                [
                    number,
                    f"{FIRST[rng.randrange(30)]} {LAST[rng.randrange(30)]}",
                    name,
                    POSITIONS[rng.randrange(len(POSITIONS))],
                    region,
                    "PPPK" if pppk else "PNS",
                ]
            )
            if account := handle(i):
                linked.writerow([number, *account])
    return files
