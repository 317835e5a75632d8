"""Contest-independent phrase banks, one per rule id.

Written for this project in plain Indonesian (with the slang and spellings of real posts); every
phrase goes through the same normaliser as the posts before it is matched, so slang, number words
and elongation need no separate entries. Affixed forms are listed explicitly (no stemmer).

The rule id's first part says what a hit does (see `matcher.kind_of`):
- `election.context`: the post speaks of an election;
- `stance.pro.*` / `stance.anti.*`: a side taken toward whoever the post targets; `stance.insult`
  is abuse, which toward a candidate or their camp is campaigning against them;
- `report.*`: reporting rather than taking a side (news, official or civic election information,
  a question, a quote);
- `act.*`: the specific evidence the rarer violation codes need (a photo, props, a declaration,
  a team, a party, an ID card, a decision);
- `negation.self`: the author distances themself ("bukan tim sukses").

Contest-specific patterns (names, ballot numbers, parties, hashtags, slogans, accounts, epithets)
are built from the contest data and `data/figures-id.json` in `matcher.py`.

Glossary: ASN/PNS = civil servant; paslon = candidate pair; coblos = vote; timses = campaign team;
KTP = identity card; KPU/Bawaslu = election commission/supervisor; golput = abstaining.
"""

PHRASES: dict[str, list[str]] = {
    "election.context": [
        "pilkada", "pilgub", "pilbup", "pilwalkot", "pilpres", "pileg", "pemilu", "pemilihan",
        "capres", "cawapres", "cagub", "cawagub", "cabup", "cawabup", "cawalkot", "calon gubernur",
        "calon bupati", "calon wali kota", "calon walikota", "calon presiden", "calon wakil",
        "caleg", "paslon", "pasangan calon", "kandidat", "tps", "coblos", "nyoblos", "mencoblos",
        "pencoblosan", "surat suara", "kampanye", "nomor urut", "no urut", "putaran",
        "pesta demokrasi", "kontestasi", "periode", "2019", "2024", "2029", "koalisi", "oposisi",
        "petahana", "incumbent", "debat", "elektabilitas", "survei", "quick count", "suara",
        "menang", "kalah", "presiden", "gubernur", "wagub", "bupati", "walikota", "wali kota",
        "rezim", "istana", "partai", "nyapres", "nyagub",
    ],
    "stance.pro.support": [
        "dukung", "mendukung", "kudukung", "pilih", "pilihlah", "memilih", "pilihanku",
        "pilihan saya", "pilihan kita", "pilihan kami", "coblos", "nyoblos", "coblosin",
        "menangkan", "memenangkan", "pasti menang", "siap menang", "harus menang", "akan menang",
        "menang", "satu putaran", "sekali putaran", "lanjutkan", "all in", "gaspol", "gas pol",
        "oke gas", "gass", "kawal", "amankan suara", "titip", "percayakan", "siap memenangkan",
        "2 periode", "sekali lagi", "pendukung", "relawan", "simpatisan", "loyalis", "merapat",
        "all out", "optimis", "nomor 1", "presidenku", "gubernurku", "calon presidenku",
        "capresku", "paslonku", "dukungan", "didukung",
    ],
    "stance.pro.praise": [
        "terbaik", "the best", "idola", "idolaku", "jagoan", "jagoanku", "andalan", "idaman",
        "pemimpin idaman", "pemimpin sejati", "amanah", "merakyat", "pro rakyat", "layak",
        "pantas", "cocok", "visioner", "tegas", "jujur", "bersih", "cerdas", "pintar", "hebat",
        "keren", "mantap", "mantab", "luar biasa", "salut", "bangga", "terbukti", "bukti nyata",
        "kerja nyata", "kerja keras", "berprestasi", "prestasi", "paham betul", "paham",
        "harga mati", "panutan", "teladan", "santun", "rendah hati", "berwibawa", "berani",
        "peduli rakyat", "dekat dengan rakyat", "ganteng", "cakep", "gagah", "keren banget",
        "respect", "apresiasi", "terima kasih", "makasih", "bravo", "sehat selalu", "maju terus",
        "makin yakin", "paling siap", "negarawan", "cemerlang", "gemilang", "istimewa", "gemoy",
        "menggemaskan", "inspiratif", "berjasa", "membanggakan", "sukses selalu", "tangguh",
        "mampu", "bagus", "bagus banget", "paling tepat", "tepat", "positif", "membawa harapan",
        "komitmen", "serius", "keseriusan", "unggul", "terdepan", "berjaya", "layak memimpin",
        "siap memimpin", "paket lengkap", "adem", "tak tertandingi", "loyal", "loyalitas",
    ],
    # Prayers and wishes for a candidate: "semoga menang", "insya allah jadi presiden".
    "stance.pro.prayer": [
        "semoga menang", "semoga terpilih", "semoga jadi", "semoga sukses", "semoga amanah",
        "insya allah menang", "insyaallah menang", "aamiin", "amin ya allah", "mendoakan",
        "semoga allah", "ya allah menangkan", "menangkan", "barakallah",
    ],
    "stance.pro.call": [
        "ayo", "mari", "yuk", "jangan lupa", "siapa lagi kalau bukan", "saatnya", "sudah waktunya",
        "waktunya", "pastikan", "bareng bareng", "bersatu", "rapatkan barisan", "salam",
        "ajak", "mengajak", "viralkan",
    ],
    "stance.anti.unseat": [
        "jangan pilih", "jangan coblos", "jangan dukung", "tidak usah pilih", "ogah pilih",
        "haram pilih", "haram memilih", "tolak", "menolak", "asal bukan", "lengserkan", "lengser",
        "turunkan", "tumbangkan", "kalahkan", "ganti", "gantikan", "ganti presiden", "ganti rezim",
        "ganti gubernur", "bubarkan", "tenggelamkan", "usir", "tangkap", "penjarakan", "adili",
        "copot", "tidak layak", "tidak pantas", "tidak becus", "tidak mampu", "tidak amanah",
        "tidak pro rakyat", "jangan mau", "jangan sampai", "jangan percaya", "mundur",
        "tidak memilih", "tidak mendukung", "tidak akan memilih", "tidak akan pilih", "kapok",
        "muak", "bosan", "sudahlah", "takut debat", "bukan pemimpin",
    ],
    "stance.anti.scorn": [
        "gagal", "gagal total", "gagal paham", "bohong", "pembohong", "bohongi", "membohongi",
        "janji palsu", "janji manis", "ingkar janji", "pencitraan", "omong kosong", "korupsi",
        "koruptor", "korup", "boneka", "dinasti", "penipu", "tipu", "menipu", "muka dua",
        "cuma janji", "hancur", "hancurkan", "rusak", "merusak", "kacau", "ngawur", "ngelantur",
        "mangkrak", "ngutang", "pecitraan", "nyinyir", "arogan", "sombong", "serakah", "rakus",
        "zalim", "zholim", "dzalim", "diktator", "otoriter", "fitnah", "memfitnah", "hoax",
        "hoaks", "curang", "kecurangan", "licik", "munafik", "kafir", "sesat", "penjilat", "jilat",
        "kacung", "antek", "budak", "cukong", "pecundang", "memalukan", "payah", "lemah",
        "plin plan", "mencla mencle", "blunder", "haus kekuasaan", "ambisi", "ambisius",
        "pelanggar", "melanggar", "menghina", "penghina", "melecehkan", "kriminalisasi",
        "tersangka", "terdakwa", "penjara", "dipenjara", "maling", "rampok", "perampok", "mafia",
        "nepotisme", "kkn", "cawe cawe", "planga plongo", "plonga plongo", "ngibul", "ngeles",
        "panik", "kelojotan", "frustrasi", "frustasi", "sinting", "keok", "nangis", "mewek",
        "ngamuk", "tidak tahu malu", "tidak punya malu", "tidak ada otak", "tanpa otak", "cacat",
        "lucu lucuan", "receh", "keliru", "menyesal", "kecewa", "dikecewakan", "tidak peduli",
        "pki", "komunis", "anti islam", "musuh islam", "musuh umat", "kriminal", "jahat", "kejam",
        "biadab", "provokator", "pemecah belah", "oligarki", "kroni", "titipan", "karbitan",
        "ingusan", "belum pantas", "belum layak", "gimmick", "settingan", "pura pura", "sandiwara",
        "joget", "sontoloyo", "takut debat", "pemberontak", "pengkhianat", "penghianat",
        "tua bangka", "tua bangke", "bangkotan", "ompong", "pikun", "baper", "mamam", "rasain",
        "kapok",
    ],
    # Abuse: toward a candidate or their camp it is campaigning against them.
    "stance.insult": [
        "goblok", "goblog", "bego", "bodoh", "bodo", "dungu", "tolol", "bloon", "bloon", "pekok",
        "dongo", "oon", "idiot", "otak udang", "otak micin", "micin", "bangsat", "anjing", "anjir",
        "babi", "monyet", "taik", "tai", "kampret", "kampang", "setan", "iblis", "sampah",
        "bajingan", "brengsek", "keparat", "kurang ajar", "laknat", "celaka", "sialan", "busuk",
        "kotor", "cupu", "culun", "norak", "kampungan", "lebay", "alay", "gila", "sakit jiwa",
        "edan", "sarap", "bacot", "ngebacot", "congor", "cuih", "najis", "pret", "wkwk", "wkwkwk",
        "wkwkwkwk", "haha", "hahaha", "hahahaha", "kwkw", "ngakak", "badut", "bencong", "banci",
        "cabul", "hadeh", "hadeuh", "dasar", "rasain", "mampus", "modar",
    ],
    "report.news": [
        "berita", "menurut", "dikutip", "dilansir", "melansir", "dilaporkan", "laporan", "reporter",
        "wartawan", "liputan", "baca selengkapnya", "selengkapnya", "sumber", "diberitakan",
        "jurnalis", "breaking news", "hasil survei", "rilis", "siaran pers", "ujar", "ungkap",
        "mengungkapkan", "mengatakan", "menyampaikan", "redaksi", "headline", "kata", "katanya",
        "sebut", "menyebut", "tegas", "tegaskan", "menegaskan", "klaim", "mengklaim", "nilai",
        "menilai", "minta", "meminta", "akui", "mengakui", "bantah", "membantah", "sanggah",
        "tanggapi", "menanggapi", "respons", "soroti", "menyoroti", "jelaskan", "menjelaskan",
        "simak", "klik", "klik disini", "baca", "begini", "ini alasannya", "alasannya",
        "top story", "pengamat", "analis", "survei", "elektabilitas", "quick count",
        "hitung cepat", "video", "live", "streaming", "tonton", "saksikan", "wawancara",
        "konferensi pers", "jumpa pers", "info", "informasi", "kabar", "terkini",
    ],
    "report.official": [
        "kpu", "kpud", "bawaslu", "panwaslu", "panwas", "panwascam", "dkpp", "kpps", "pps",
        "jadwal", "tahapan", "penetapan", "ditetapkan", "pengundian nomor urut", "pengundian",
        "daftar pemilih tetap", "dpt", "cek dpt", "lokasi tps", "hari pencoblosan",
        "pemungutan suara", "rekapitulasi", "penghitungan suara", "real count", "sirekap",
        "masa tenang", "surat edaran", "pemilih pemula", "logistik", "polri", "polda", "polres",
        "polsek", "kapolda", "kapolres", "kapolsek", "bhabinkamtibmas", "kamtibmas", "binmas",
        "sambang", "tni", "babinsa", "satpol pp", "linmas", "pengamanan", "kemendagri", "gakkumdu",
        "sentra gakkumdu", "netralitas", "netral", "asn harus netral", "meresmikan", "resmikan",
        "diresmikan", "peresmian", "kunjungan kerja", "kunker", "rapat terbatas", "ratas",
        "sidang kabinet", "dilantik", "pelantikan", "berharap", "mengingatkan", "menginstruksikan",
        "menandatangani", "groundbreaking", "netralitas asn",
    ],
    "report.civic": [
        "pilkada damai", "pemilu damai", "pilpres damai", "kampanye damai", "deklarasi damai",
        "anti hoax", "anti hoaks", "tolak hoax", "tolak hoaks", "menolak hoax",
        "menolak berita hoax", "ujaran kebencian", "anti sara", "tolak politik uang",
        "politik uang", "jangan golput", "golput", "gunakan hak pilih", "hak pilih",
        "datang ke tps", "suaramu menentukan", "pemilih cerdas", "siapapun pilihannya",
        "apapun pilihannya", "siapa pun pilihannya", "apa pun pilihannya", "beda pilihan",
        "bebas memilih", "hati nurani", "jaga persatuan", "tetap rukun", "luber jurdil",
        "partisipasi pemilih", "sukseskan pilkada", "mensukseskan pilkada", "sukseskan pemilu",
        "aman dan damai", "aman dan kondusif", "pilih sesuai", "sesuai hati", "kedua kubu",
        "dua kubu", "kedua belah pihak", "kedua paslon", "kedua capres", "semua paslon",
        "semua kandidat", "kedua pendukung", "para pendukung kedua", "mata hati",
        "kampanye beradab", "tanpa caci maki", "jangan terprovokasi",
    ],
    "report.question": [
        "apa", "apakah", "kenapa", "mengapa", "bagaimana", "gimana", "siapa", "kapan", "benarkah",
        "betulkan", "akankah", "mungkinkah", "haruskah", "siapakah", "kah", "mohon pencerahan",
        "mohon info", "tanya", "bertanya", "pertanyaan", "bisakah", "bolehkah", "boleh kah",
        "berapa", "mana",
    ],
    "act.photo": [
        "foto bareng", "foto bersama", "berfoto", "foto dengan", "selfie", "swafoto", "wefie",
        "berpose", "pose", "fotbar",
    ],
    "act.props": [
        "baliho", "spanduk", "stiker", "banner", "poster", "bendera partai", "umbul umbul",
        "alat peraga kampanye", "atribut kampanye", "kaos kampanye", "billboard", "videotron",
    ],
    "act.declaration": [
        "deklarasi dukungan", "acara deklarasi", "mendeklarasikan dukungan", "ikrar dukungan",
        "hadir di deklarasi", "menghadiri deklarasi",
    ],
    "act.participation": [
        "kampanye akbar", "kampanye terbuka", "rapat umum", "ikut kampanye", "hadir kampanye",
        "sosialisasi", "hadir sosialisasi", "ikut sosialisasi", "temu kader", "temu warga",
        "menghadiri kampanye", "konvoi", "orasi", "jalan sehat", "safari politik", "blusukan",
    ],
    "act.partisan": [
        "mengajak pegawai", "mengumpulkan pegawai", "mengarahkan pegawai", "instruksikan",
        "ajak seluruh staf", "ajak staf", "ajak pegawai", "ajak seluruh pegawai", "ajak bawahan",
        "ajak rekan asn", "bagi sembako", "bagi bagi sembako", "sembako dari",
        "instruksi", "arahan untuk memilih", "mobilisasi", "memobilisasi", "kerahkan",
        "mengerahkan", "bagi bagi sembako", "membagikan sembako", "serangan fajar", "amplop",
        "target suara",
    ],
    "act.team": [
        "tim sukses", "tim pemenangan", "tim kampanye", "koordinator relawan", "ketua relawan",
        "posko pemenangan", "juru kampanye", "jurkam", "timses", "masuk tim", "simpul relawan",
        "tkn", "tpn", "bpn", "timnas amin",
    ],
    "act.party_approach": [
        "daftar ke partai", "mendaftar ke partai", "ambil formulir", "mengambil formulir",
        "penjaringan", "fit and proper test", "rekomendasi partai", "minta rekomendasi",
        "restu partai", "kendaraan politik", "tiket partai", "bakal calon", "bacalon",
        "formulir pendaftaran bakal calon", "ambil formulir pendaftaran",
    ],
    "act.party_member": [
        "kader partai", "anggota partai", "pengurus partai", "kartu tanda anggota", "kta partai",
        "ketua dpc", "ketua dpd", "ketua dpw", "jaket partai", "seragam partai",
        "resmi bergabung dengan partai", "masuk partai",
    ],
    "act.ktp": [
        "fotokopi ktp", "salinan ktp", "copy ktp", "kumpulkan ktp", "serahkan ktp", "setor ktp",
        "dukungan perseorangan", "jalur perseorangan", "jalur independen", "syarat dukungan",
    ],
    "act.decision": [
        "hanya untuk pendukung", "khusus pendukung", "yang mendukung saja", "yang tidak mendukung",
        "hanya untuk warga pendukung", "untuk warga pendukung", "khusus warga pendukung",
        "yang tidak memilih", "tidak akan dapat bantuan", "dicoret dari", "asal dukung",
        "saya prioritaskan", "saya coret", "balas jasa", "imbalan suara",
    ],
    "negation.self": [
        "tidak ikut", "tidak hadir", "bukan anggota", "bukan kader", "bukan pengurus", "bukan tim",
        "bukan tim sukses", "bukan relawan", "tidak terlibat", "tidak memihak", "tidak berpihak",
        "saya netral", "tetap netral", "bukan pendukung", "tidak mendukung siapa pun",
        "tidak mendukung siapapun",
    ],
}  # fmt: skip

# Ballot forms: "<prefix> <n>". Strong prefixes make an election context of their own; weak ones
# ("nomor 2", "2 jari") count only next to other election context.
STRONG_BALLOT_PREFIXES = [
    "nomor urut", "no urut", "paslon", "paslon nomor", "paslon no", "coblos", "coblos nomor",
    "coblos no", "nyoblos", "nyoblos nomor", "mencoblos nomor", "capres", "capres nomor", "cagub",
    "cagub nomor", "cabup", "cabup nomor", "cawalkot", "calon nomor", "caleg nomor",
    "pasangan nomor", "pasangan calon nomor", "kandidat nomor", "dukung nomor", "dukung no",
]  # fmt: skip
WEAK_BALLOT_PREFIXES = ["nomor", "no"]
GESTURE_SUFFIX = "jari"  # "2 jari", from ✌️ or "salam dua jari"
# "<word> <n>" / "<word> nomor <n>" name something else: a polling station, a queue, a menu item.
NUMBER_SUPPRESSORS = [
    "tps", "rt", "rw", "jam", "pukul", "lantai", "halaman", "menu", "meja", "kamar", "ruang",
    "antrian", "antrean", "loket", "pintu", "kelas", "gang", "jalan", "jl", "blok", "rumah", "bus",
    "tahap", "tahun", "bab", "pasal", "ayat", "hp", "wa", "kursi", "peringkat", "juara", "ranking",
    "soal", "langkah", "poin", "opsi", "angka", "urutan", "ke", "ukuran", "size", "harga", "lusin",
]  # fmt: skip
HONORIFICS = [
    "pak", "bapak", "bu", "ibu", "mas", "mbak", "bang", "kang", "cak", "gus", "kak", "uda", "koh",
    "mpok", "abah", "prof", "kyai", "kiai", "kh", "ustadz", "ning", "ceu", "om", "tb", "si",
]  # fmt: skip
# Everyday words and common given names: a contest alias that is one of these ("Rindu",
# "Asyik", "Sandi", "Agus", "Amin", "Teguh") names the candidate only beside other election talk.
EVERYDAY_WORDS = frozenset(
    """
    amin aamiin rindu asyik sandi hasanah berkah maju juara hebat menang emas adil makmur
    jaya sejahtera bersatu merdeka damai bangkit baru perubahan harapan indonesia rakyat
    koalisi teman timnas tkn tpn tim koh ganti presiden bapak gemoy gama djoss badja eramas
    agus budi joko dedi dedy edy edi emil puti ida uu gus yasin imin anton hasan rudi ani indah
    ratna dewi sri surya wahyu bambang ahmad muhammad mohammad abdul said yusuf ipul dirman bowo
    asep ujang iwan eko arief arif taufik teguh fajar rina siti nur nurul putri putra ayu dian
    rizki rizky andi adi agung hendra heru hadi hari joni dodi doni rahmat rahmad slamet
    sugeng supri tri dwi eka yanto yanti wati yuli lestari sari dewi fitri rini rita lina
    ina tuti susi ratih mega dina nia tika ika ira ari aris irfan ilham yudi yoga bayu dimas
    galih rian ryan reza fikri faisal hasyim hamzah ali umar usman ismail ibrahim yahya zainal
    ridwan kamal kamil sudirman musa
    """.split()
)
