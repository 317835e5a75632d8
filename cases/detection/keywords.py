"""Contest-independent phrase banks, one per rule id.

Written for this project from the DESIGN.md violation forms and detection pitfalls, in plain
Indonesian; every phrase goes through the same normaliser as the posts before it is matched, so
slang, number words and elongation need no separate entries. Affixed verb forms are listed
explicitly (no stemmer): "dukung", "mendukung", "dukungan".

Contest-specific patterns (names, ballot numbers, parties, hashtags, slogans, accounts) are built
from the contest data in `lexicon.py`; the ballot-form prefixes below combine with its numbers.

Glossary: ASN/PNS = civil servant; paslon = candidate pair; coblos = vote; baliho/spanduk =
billboard/banner; deklarasi = a candidate's declaration event; sosialisasi = outreach meeting;
sembako = staple-food parcel; timses = campaign team; kader = party cadre; KTP = identity card;
bansos = social aid; KPU/Bawaslu = election commission/supervisor; golput = abstaining.
"""

PHRASES: dict[str, list[str]] = {
    "election.context": [
        "pilkada", "pilgub", "pilbup", "pilwalkot", "pilpres", "pileg", "pemilu", "pemilihan",
        "capres", "cawapres", "cagub", "cawagub", "cabup", "cawabup", "cawalkot", "cawawalkot",
        "calon gubernur", "calon bupati", "calon wali kota", "calon walikota", "calon presiden",
        "calon wakil", "caleg", "paslon", "pasangan calon", "kandidat", "tps", "coblos", "nyoblos",
        "mencoblos", "pencoblosan", "surat suara", "kotak suara", "bilik suara", "kampanye",
        "nomor urut", "no urut", "putaran", "pesta demokrasi", "kontestasi",
    ],
    "support.verb": [
        "dukung", "mendukung", "didukung", "dukungan", "kudukung", "pilih", "memilih", "pilihlah",
        "pilihanku", "pilihan saya", "pilihan kita", "coblos", "nyoblos", "mencoblos", "coblosin",
        "menangkan", "memenangkan", "pasti menang", "siap menang", "harus menang", "satu putaran",
        "lanjutkan", "dua periode", "all in", "gaspol", "gas pol", "sikat", "kawal",
        "amankan suara", "wajib pilih", "titip", "percayakan", "menuju", "siap memenangkan",
        "bersama",
    ],
    "support.praise": [
        "terbaik", "the best", "idola", "idolaku", "jagoan", "jagoanku", "andalan",
        "pemimpin idaman", "pemimpin sejati", "amanah", "merakyat", "peduli rakyat", "pro rakyat",
        "layak", "pantas memimpin", "cocok memimpin", "visioner", "tegas", "jujur", "pilihan tepat",
        "paling pantas", "sosok", "bukti nyata", "sudah terbukti", "menang", "makin yakin",
        "paling siap",
    ],
    # Everyday cheers: a stance only where the field also speaks of the election.
    "support.cheer": [
        "mantap", "keren", "hebat", "juara", "luar biasa", "semangat", "cinta", "jempol", "top",
    ],
    "support.call": [
        "ayo", "mari", "jangan lupa", "siapa lagi kalau bukan", "saatnya", "sudah waktunya",
        "waktunya", "pastikan", "bareng bareng", "bersatu", "rapatkan barisan", "salam",
    ],
    "negation.against": [
        "jangan pilih", "jangan coblos", "jangan dukung", "jangan sampai", "jangan mau",
        "tidak usah pilih", "ogah pilih", "haram pilih", "tolak", "menolak", "asal bukan",
        "tidak layak", "tidak pantas", "tidak becus", "tidak mampu", "gagal", "ganti", "lengserkan",
        "kalahkan", "tumbangkan", "pembohong", "bohong", "janji palsu", "janji manis", "pencitraan",
        "omong kosong", "awas", "jangan percaya", "korupsi", "koruptor", "boneka", "dinasti",
        "penipu", "muka dua", "tidak amanah", "cuma janji",
    ],
    "photo.with_candidate": [
        "foto bareng", "foto bersama", "berfoto", "foto dengan", "foto sama", "foto", "selfie",
        "swafoto", "wefie", "groufie", "pose", "berpose", "jepret", "dokumentasi",
        "kenang kenangan", "abadikan", "mengabadikan", "momen", "photo", "group photo",
        "photo session", "fotbar", "foto profil",
    ],
    "props.item": [
        "baliho", "spanduk", "stiker", "sticker", "banner", "poster", "bendera", "umbul umbul",
        "alat peraga kampanye", "apk", "atribut", "atribut kampanye", "kaos", "rompi", "pamflet",
        "brosur", "selebaran", "kalender", "billboard", "videotron", "topi",
    ],
    "props.install": [
        "pasang", "memasang", "dipasang", "pemasangan", "tempel", "menempel", "ditempel", "sebar",
        "menyebar", "menyebarkan", "pakai", "memakai", "mengenakan", "gantung", "digantung",
        "cetak", "mencetak", "dicetak", "pasangin",
    ],
    "declaration.attend": [
        "deklarasi", "mendeklarasikan", "dideklarasikan", "deklarasi dukungan", "acara deklarasi",
        "peluncuran", "launching", "ikrar", "ikrar dukungan", "pengukuhan",
    ],
    "campaign.participation": [
        "kampanye", "berkampanye", "kampanye akbar", "kampanye terbuka", "rapat umum",
        "sosialisasi", "blusukan", "konvoi", "orasi", "panggung", "jalan sehat", "safari politik",
        "temu warga", "temu kader", "pertemuan terbatas", "tatap muka", "roadshow", "road show",
        "dialog warga", "silaturahmi politik",
    ],
    "attend.verb": [
        "ikut", "ikutan", "mengikuti", "hadir", "menghadiri", "datang ke", "turut", "bergabung",
        "gabung", "meramaikan", "ramaikan", "mendampingi", "dampingi", "menemani",
    ],
    "partisan.appeal": [
        "ajak", "mengajak", "ajakan", "instruksi", "menginstruksikan", "arahan", "mengarahkan",
        "diarahkan", "wajib", "diwajibkan", "perintahkan", "memerintahkan", "kumpulkan",
        "mengumpulkan", "dikumpulkan", "koordinasikan", "rapat koordinasi", "konsolidasi",
        "menggalang", "galang", "mobilisasi", "memobilisasi", "kerahkan", "mengerahkan",
        "target suara",
    ],
    "partisan.asn": [
        "asn", "pns", "pegawai", "seluruh pegawai", "staf", "staff", "bawahan", "anak buah",
        "rekan asn", "teman kantor", "honorer", "guru", "kepala sekolah", "kepala desa", "kades",
        "perangkat desa", "lurah", "camat", "pppk", "aparatur", "sekantor", "jajaran",
        "kepala dinas", "kadis", "opd", "kader posyandu",
    ],
    "partisan.gift": [
        "sembako", "bagi bagi", "membagikan", "dibagikan", "amplop", "uang", "uang transport",
        "hadiah", "doorprize", "door prize", "santunan", "bingkisan", "paket", "beras",
        "minyak goreng", "voucher", "serangan fajar",
    ],
    "team.winning": [
        "tim sukses", "tim pemenangan", "tim kampanye", "relawan", "koordinator relawan", "korlap",
        "koordinator lapangan", "ketua relawan", "ketua tim", "anggota tim", "posko pemenangan",
        "posko relawan", "juru kampanye", "jurkam", "juru bicara", "jubir", "saksi", "sk tim",
        "masuk tim", "simpul relawan", "komandan", "korcam", "kordes", "koordinator kecamatan",
        "koordinator desa", "pemenangan",
    ],
    "party.approach": [
        "daftar ke partai", "mendaftar ke partai", "mendaftar", "daftar", "pendaftaran",
        "bakal calon", "bacalon", "ambil formulir", "mengambil formulir", "formulir pendaftaran",
        "penjaringan", "fit and proper test", "uji kelayakan", "rekomendasi partai", "rekomendasi",
        "minta rekomendasi", "restu partai", "sowan", "melamar", "nyalon", "mencalonkan diri",
        "maju", "dicalonkan", "kendaraan politik", "perahu", "tiket partai", "surat tugas", "lobi",
        "melobi", "pencalonan", "calonkan", "mencalonkan",
    ],
    "party.membership": [
        "kader", "kader partai", "anggota partai", "pengurus partai", "pengurus",
        "kartu tanda anggota", "kta", "ketua dpc", "ketua dpd", "ketua dpw", "sekretaris dpc",
        "bendahara partai", "simpatisan", "bergabung dengan partai", "resmi bergabung",
        "masuk partai", "jaket partai", "seragam partai", "dilantik", "pelantikan pengurus",
        "muscab", "musda", "rapat partai", "iuran anggota", "anggota", "bendahara", "ranting",
        "anak cabang", "kaderisasi", "mandat partai",
    ],
    "ktp.support": [
        "ktp", "e ktp", "ektp", "kartu tanda penduduk", "fotokopi ktp", "salinan ktp", "copy ktp",
        "kumpulkan ktp", "serahkan ktp", "setor ktp", "nik", "kartu keluarga",
        "dukungan perseorangan", "calon perseorangan", "jalur perseorangan", "jalur independen",
        "calon independen", "syarat dukungan", "formulir dukungan", "surat dukungan",
    ],
    "decision.benefit": [
        "bantuan", "bansos", "blt", "program", "proyek", "izin", "perizinan", "beasiswa", "jabatan",
        "mutasi", "dimutasi", "promosi jabatan", "dipromosikan", "dipindah", "dipindahtugaskan",
        "dicopot", "non job", "kenaikan pangkat", "tunjangan", "insentif", "hibah", "dana desa",
        "pupuk", "kuota", "rekrutmen", "honor", "bedah rumah",
    ],
    "decision.exclusive": [
        "hanya untuk", "khusus untuk", "khusus", "hanya", "diprioritaskan", "prioritas",
        "didahulukan", "yang mendukung", "yang memilih", "pendukung", "yang tidak mendukung",
        "yang tidak memilih", "tidak dapat", "tidak akan dapat", "dicoret", "kecuali", "syaratnya",
        "bagi yang", "imbalan", "balas jasa", "balas budi", "jangan harap", "keputusan saya",
        "saya setujui", "saya percepat", "saya prioritaskan", "saya utamakan", "saya coret",
        "saya naikkan", "saya tambah", "asal dukung",
    ],
    "neutral.news": [
        "berita", "menurut", "dikutip", "dilansir", "melansir", "dilaporkan", "laporan", "reporter",
        "wartawan", "media", "liputan", "baca selengkapnya", "selengkapnya", "sumber",
        "diberitakan", "jurnalis", "breaking news", "update", "hasil survei", "survei",
        "elektabilitas", "quick count", "hitung cepat", "rilis", "siaran pers", "ujar", "ungkap",
        "mengatakan", "menyampaikan", "redaksi", "headline", "info", "informasi",
    ],
    "neutral.official_info": [
        "kpu", "kpud", "bawaslu", "masa kampanye", "jadwal kampanye", "panwaslu", "panwascam",
        "dkpp", "kpps", "pps", "jadwal", "tahapan", "penetapan", "ditetapkan", "menetapkan",
        "pengundian nomor urut", "pengundian", "diundi", "mengundi", "daftar pemilih tetap", "dpt",
        "cek dpt", "lokasi tps", "hari pencoblosan", "hari pemungutan suara", "pemungutan suara",
        "rekapitulasi", "debat", "debat publik", "debat kandidat", "resmi", "pengumuman",
        "masa tenang", "surat edaran", "libur nasional", "hari libur", "undangan memilih",
        "pemilih pemula", "simulasi", "logistik", "penghitungan suara", "real count", "sirekap",
    ],
    "neutral.self_statement": [
        "netral", "netralitas", "asn harus netral", "asn netral", "saya netral", "tetap netral",
        "jaga netralitas", "menjaga netralitas", "tidak memihak", "tidak berpihak",
        "tidak boleh berpihak", "imparsial", "profesional", "netralitas asn", "asn wajib netral",
        "kode etik", "larangan", "dilarang", "sanksi",
    ],
    "neutral.policy_criticism": [
        "kebijakan", "regulasi", "peraturan", "perda", "pergub", "perbup", "subsidi", "evaluasi",
        "dievaluasi", "dikaji", "kaji ulang", "kurang tepat", "tidak tepat sasaran",
        "perlu diperbaiki", "perlu dievaluasi", "kritik", "masukan", "saran", "tidak efektif",
        "pelayanan publik", "birokrasi", "tarif", "pajak", "retribusi", "infrastruktur",
    ],
    "neutral.vote_call": [
        "gunakan hak pilih", "hak pilih", "gunakan hak pilihmu", "jangan golput", "golput",
        "datang ke tps", "ayo ke tps", "suaramu menentukan", "pemilih cerdas", "pemilu damai",
        "pilkada damai", "tolak politik uang", "siapapun pilihannya", "apapun pilihannya",
        "siapa pun pilihannya", "apa pun pilihannya", "beda pilihan", "bebas memilih",
        "hati nurani", "jaga persatuan", "tetap rukun", "luber jurdil", "partisipasi pemilih",
        "salurkan hak pilih",
    ],
    "negation.self": [
        "tidak ikut", "tidak hadir", "tidak pernah", "bukan anggota", "bukan kader",
        "bukan pengurus", "bukan tim", "bukan tim sukses", "bukan relawan", "tidak terlibat",
        "tidak menjadi", "tidak mau ikut", "menolak ikut", "tidak datang", "bukan pendukung",
        "tidak memasang", "tidak akan ikut", "tidak mendukung siapa pun",
    ],
}  # fmt: skip

# Ballot forms: "<prefix> <n>". Strong prefixes make an election context of their own; weak ones
# ("nomor 2", "2 jari") count only next to other election context.
STRONG_BALLOT_PREFIXES = [
    "nomor urut", "no urut", "paslon", "paslon nomor", "paslon no", "coblos", "coblos nomor",
    "coblos no", "nyoblos", "nyoblos nomor", "mencoblos nomor", "capres", "capres nomor", "cagub",
    "cagub nomor", "cabup", "cabup nomor", "cawalkot", "calon nomor", "caleg nomor",
    "pasangan nomor", "pasangan calon nomor", "kandidat nomor",
]  # fmt: skip
WEAK_BALLOT_PREFIXES = ["nomor", "no"]
GESTURE_SUFFIX = "jari"  # "2 jari", from ✌️ or "salam dua jari"
# "<word> <n>" / "<word> nomor <n>" name something else: a polling station, a queue, a menu item.
NUMBER_SUPPRESSORS = [
    "tps", "rt", "rw", "jam", "pukul", "lantai", "halaman", "menu", "meja", "kamar", "ruang",
    "antrian", "antrean", "loket", "pintu", "kelas", "gang", "jalan", "jl", "blok", "rumah", "bus",
    "tahap", "tahun", "bab", "pasal", "ayat", "hp", "wa", "kursi", "peringkat", "juara", "ranking",
    "soal", "langkah", "poin", "opsi", "angka", "urutan", "ke",
]  # fmt: skip
HONORIFICS = [
    "pak",
    "bapak",
    "bu",
    "ibu",
    "mas",
    "mbak",
    "bang",
    "kang",
    "cak",
    "gus",
    "kak",
    "uda",
]
