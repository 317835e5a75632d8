"""The fictional contests of the synthetic corpus, in the contest import format.

Candidates, parties, hashtags, slogans and accounts are invented for this project (regions are
real Kemendagri codes). Two contests train the model; the held-out contest has other candidates,
other parties and one more ballot number (4), so the held-out score measures transfer to a
contest the model has never seen.
"""


def _cand(n, name, mate, aliases, parties, hashtags, slogans, accounts):
    return {
        "ballot_number": n, "name": name, "running_mate": mate, "aliases": aliases,
        "parties": parties, "hashtags": hashtags, "slogans": slogans,
        "accounts": [{"platform": p, "handle": h} for p, h in accounts],
    }  # fmt: skip


PILGUB_JATENG = {
    "slug": "pilgub-jateng-2024",
    "name": "Pemilihan Gubernur Jawa Tengah 2024 (fiktif)",
    "kind": "pilkada",
    "region": {"code": "33", "name": "Jawa Tengah"},
    "campaign_start": "2024-09-25",
    "campaign_end": "2024-11-23",
    "voting_day": "2024-11-27",
    "candidates": [
        _cand(1, "Bambang Wicaksono", "Sri Rahayu Ningsih", ["Mas Bambang", "Bambang Wicak"],
              ["Partai Karya Nusantara", "Partai Suara Tani"],
              ["#BambangSri", "#JatengMelaju", "#Coblos01Jateng"],
              ["Jateng Melaju Bersama", "Kerja Tuntas untuk Rakyat"],
              [("instagram", "bambangsri.official"), ("x", "BambangSri_Jtg"),
               ("tiktok", "bambangsri01")]),
        _cand(2, "Ratna Dewi Lestari", "Hendra Kusuma", ["Bu Ratna", "Mbak Ratna"],
              ["Partai Gema Persatuan"], ["#RatnaHendra", "#JatengBerubah"],
              ["Perubahan untuk Jateng", "Bersama Wong Cilik"],
              [("instagram", "ratnahendra.id"), ("x", "RatnaHendra2024")]),
        _cand(3, "Agus Prasetyo", "Wahyu Nugroho", ["Gus Pras", "Mas Agus"],
              ["Partai Bintang Rakyat", "Partai Nurani Bangsa"],
              ["#AgusWahyu", "#JatengSejahtera"], ["Jateng Adem Ayem", "Sejahtera Tanpa Kecuali"],
              [("instagram", "aguswahyu.jateng"), ("facebook", "AgusWahyuUntukJateng")]),
    ],
    "exclusions": ["festival jateng melaju"],
}  # fmt: skip

PILPRES = {
    "slug": "pilpres-2029",
    "name": "Pemilihan Presiden 2029 (fiktif)",
    "kind": "pilpres",
    "region": {"code": "", "name": "Indonesia"},
    "campaign_start": "2028-11-28",
    "campaign_end": "2029-02-10",
    "voting_day": "2029-02-14",
    "candidates": [
        _cand(1, "Arief Budiman Santoso", "Lestari Handayani", ["Pak Arief", "Cak Arief"],
              ["Partai Demokrasi Maju", "Partai Karya Nusantara"],
              ["#AriefLestari", "#IndonesiaMelesat"], ["Indonesia Melesat", "Maju Bareng Rakyat"],
              [("x", "AriefLestari2029"), ("instagram", "arieflestari.official")]),
        _cand(2, "Taufik Hidayatullah", "Dewi Anggraini", ["Bang Taufik", "Taufik Hidayat"],
              ["Partai Gema Persatuan", "Partai Suara Tani", "Partai Amanah Umat"],
              ["#TaufikDewi", "#GantiArah"], ["Ganti Arah Indonesia", "Adil dan Makmur"],
              [("x", "TaufikDewi_ID"), ("tiktok", "taufikdewi02")]),
        _cand(3, "Indah Permatasari", "Surya Pratama", ["Bu Indah", "Mbak Indah"],
              ["Partai Bintang Rakyat"], ["#IndahSurya", "#LanjutkanIndonesia"],
              ["Lanjutkan Pembangunan", "Indonesia Terang"],
              [("instagram", "indahsurya.official"), ("facebook", "IndahSuryaUntukIndonesia")]),
    ],
}  # fmt: skip

PILBUP_BANYUMAS = {
    "slug": "pilbup-banyumas-2024",
    "name": "Pemilihan Bupati Banyumas 2024 (fiktif)",
    "kind": "pilkada",
    "region": {"code": "33.02", "name": "Banyumas"},
    "campaign_start": "2024-09-25",
    "campaign_end": "2024-11-23",
    "voting_day": "2024-11-27",
    "candidates": [
        _cand(1, "Dedi Firmansyah", "Nurul Hidayati", ["Kang Dedi", "Dedi Firman"],
              ["Partai Cahaya Keadilan", "Partai Hijau Lestari"], ["#DediNurul", "#BanyumasMaju"],
              ["Banyumas Maju Sejahtera", "Kerja Bareng Warga"],
              [("instagram", "dedinurul.bms"), ("x", "DediNurul01")]),
        _cand(2, "Ani Suryani", "Yusuf Maulana", ["Bu Ani", "Ceu Ani"],
              ["Partai Rakyat Mandiri"], ["#AniYusuf", "#BanyumasBerkah"],
              ["Banyumas Berkah", "Amanah dan Merakyat"],
              [("instagram", "aniyusuf.official"), ("tiktok", "aniyusuf02")]),
        _cand(3, "Rudi Hartono", "Fitri Handayani", ["Mas Rudi", "Rudi Har"],
              ["Partai Kebangkitan Desa", "Partai Pelopor Bangsa"],
              ["#RudiFitri", "#SatriaBanyumas"], ["Satria Banyumas", "Desa Kuat Kota Hebat"],
              [("facebook", "RudiFitriBanyumas"), ("x", "RudiFitri03")]),
        _cand(4, "Joko Santoso", "Maya Puspitasari", ["Pak Joko", "Joko Bms"],
              ["Partai Buruh Tani Sejahtera"], ["#JokoMaya", "#BanyumasBaru"],
              ["Banyumas Baru", "Perubahan Nyata"],
              [("instagram", "jokomaya.banyumas"), ("x", "JokoMaya04")]),
    ],
}  # fmt: skip

TRAIN = [PILGUB_JATENG, PILPRES]
HELDOUT = [PILBUP_BANYUMAS]
