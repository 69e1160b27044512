"""Demo forum: loaded after the sentra, businesses and people (safe to run again).

Technique threads in Bahasa Indonesia across the subject boards, written by the demo people
(looked up by display name): questions with accepted answers, guides that sentra feature on their
pages, thanks, tags, @mentions, and one members-only sentra board. A thread is looked up by its
board and title, so a second run adds nothing. Rows are written directly (posts dated in the past)
rather than through the posting services, whose rate limits are for people, not for a loader.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.forum import boards, services
from marketplace.forum.models import (
    KIND_DISCUSSION,
    KIND_GUIDE,
    KIND_QUESTION,
    VISIBILITY_MEMBERS,
    Board,
    Post,
    Reaction,
    Topic,
    TopicTag,
    TopicWatch,
)
from marketplace.notifications.models import Notification
from marketplace.timeutil import utcnow

Q, G, D = KIND_QUESTION, KIND_GUIDE, KIND_DISCUSSION

# board: a subject board slug, or "sentra:<slug>" for that sentra's board.
# replies: (author, days after the opening post, text). accepted: the post number of the answer.
# thanks: {post number: [display names]}. feature: the sentra slug whose page shows the guide.
THREADS = [
    {
        "board": "pewarnaan", "kind": Q, "author": "Hj. Nurhayati", "days_ago": 46,
        "title": "Pewarnaan alami benang tapis: bagaimana agar biru indigo tidak cepat luntur?",
        "tags": ["tapis", "pewarna-alami", "indigo"],
        "body": (
            "Assalamualaikum. Kami mulai mencelup benang katun untuk kain dasar tapis dengan indigo "
            "dari daun tarum. Warnanya bagus waktu basah, tetapi setelah dicuci dua kali sudah pudar "
            "dan luntur ke benang emas sulaman.\n\n"
            "Yang kami lakukan sekarang:\n\n"
            "- benang direndam air kapur semalam\n"
            "- dicelup 3 kali, masing-masing 5 menit\n"
            "- langsung dijemur di bawah matahari\n\n"
            "Apa yang salah? Apakah perlu mordan seperti tawas?"
        ),
        "replies": [
            ("Bayu Firmansyah", 1, (
                "Waalaikumsalam, Bu. Indigo berbeda dengan pewarna alam lain: ia tidak butuh mordan "
                "tawas, karena warnanya menempel lewat oksidasi. Masalahnya biasanya di jumlah celupan "
                "dan pembilasan:\n\n"
                "1. **Celup tipis tapi berulang**: 8 sampai 12 kali, tiap celupan 3–5 menit.\n"
                "2. **Angin-anginkan 10–15 menit** di antara celupan sampai hijau berubah jadi biru. "
                "Di situlah warna mengikat.\n"
                "3. Setelah celupan terakhir, **bilas sampai air jernih**, lalu rendam 10 menit di air "
                "dengan sedikit cuka (1 sendok makan per 10 liter) untuk menetralkan kapur.\n"
                "4. **Jemur di tempat teduh**, jangan di matahari terik.\n\n"
                "Tiga celupan hanya memberi lapisan tipis di permukaan serat, jadi mudah luntur. "
                "Untuk tingi, secang atau mahoni baru perlu mordan tawas sebelum celup dan fiksasi "
                "sesudahnya."
            )),
            ("Rusmini Hasan", 2, (
                "Setuju dengan Pak Bayu. Di tempat kami dulu juga luntur karena langsung dijemur panas. "
                "Satu lagi: cuci kain tapis jadi dengan sabun lerak, jangan deterjen."
            )),
            ("Maryati Syarif", 3, (
                "Terima kasih, sangat membantu. @Hj._Nurhayati kalau mau, minggu depan kita coba "
                "bersama di gedung produksi, saya bawa daun tarum dari kebun."
            )),
            ("Hj. Nurhayati", 9, (
                "Sudah kami coba 10 celupan dengan jeda angin-angin, lalu bilas dan cuka. Setelah lima "
                "kali cuci warnanya masih tua dan benang emas tetap bersih. Alhamdulillah, terima kasih "
                "semuanya."
            )),
        ],
        "accepted": 2,
        "thanks": {
            2: ["Hj. Nurhayati", "Rusmini Hasan", "Maryati Syarif", "Yuliana Sari"],
            3: ["Hj. Nurhayati"],
        },
    },
    {
        "board": "teknik-produksi", "kind": Q, "author": "Suparmi", "days_ago": 38,
        "title": "Suhu pembakaran gerabah Kasongan: berapa derajat dan berapa lama?",
        "tags": ["gerabah", "tungku", "pembakaran"],
        "body": (
            "Pesanan guci ukuran besar banyak yang retak rambut setelah dibakar. Tungku kami tungku "
            "tanah dengan kayu bakar dan jerami. Berapa suhu yang pas untuk tanah liat Kasongan, dan "
            "berapa lama pemanasan awalnya?"
        ),
        "replies": [
            ("Anisa Rahmawati", 1, (
                "Bu Suparmi, untuk gerabah tanah liat Kasongan suhu akhir sekitar **700–850 °C** sudah "
                "cukup. Retak rambut hampir selalu datang dari tahap awal, bukan dari suhu akhir:\n\n"
                "- Pastikan guci **benar-benar kering angin** 5–7 hari (guci besar bisa lebih lama). "
                "Tes sederhana: tempelkan di pipi, kalau masih terasa dingin berarti masih basah.\n"
                "- **Pemanasan awal pelan** 1,5–2 jam dengan api kecil di mulut tungku, sampai uap "
                "air berhenti keluar.\n"
                "- Baru setelah itu api dibesarkan, 3–4 jam sampai bara merah merata.\n"
                "- **Dinginkan di dalam tungku** semalam; jangan dibongkar panas-panas.\n\n"
                "Kalau mau tahu suhunya, UPT punya termokopel yang bisa dipinjam anggota."
            )),
            ("Sugeng Widodo", 2, (
                "Pengalaman di Griya Gerabah: guci besar kami taruh di tengah, dikelilingi yang kecil "
                "supaya panasnya rata. Sejak itu retaknya jauh berkurang."
            )),
            ("Tri Haryanto", 4, (
                "Tambahan: campur sedikit pasir halus atau grog (pecahan gerabah yang ditumbuk) ke tanah "
                "liat, kira-kira 10 persen. Badan guci jadi lebih tahan kejutan panas."
            )),
        ],
        "accepted": 2,
        "thanks": {
            2: ["Suparmi", "Joko Santoso", "Wahyuni Astuti"],
            3: ["Suparmi"],
            4: ["Suparmi", "Sugeng Widodo"],
        },
    },
    {
        "board": "bahan-baku", "kind": Q, "author": "Fadhil Ramadhan", "days_ago": 30,
        "title": "Pengeringan kopi Gayo giling basah: berapa hari sampai kadar air 12%?",
        "tags": ["kopi", "pascapanen", "pengeringan"],
        "body": (
            "Musim hujan begini gabah kopi kami lama sekali keringnya di para-para. Pembeli minta kadar "
            "air biji hijau 12 sampai 12,5 persen. Biasanya berapa hari, dan apa yang bisa dilakukan "
            "kalau cuaca tidak mendukung?"
        ),
        "replies": [
            ("Rizki Maulana", 1, (
                "Dengan proses giling basah, ada dua tahap:\n\n"
                "1. Gabah basah dijemur sampai kadar air **sekitar 30–40%** (1–2 hari kalau cerah), "
                "lalu digiling basah.\n"
                "2. Biji hijau (labu) dijemur lagi sampai **12–12,5%**: 2–4 hari cerah, bisa 7–10 hari "
                "di musim hujan.\n\n"
                "Saran untuk musim hujan: pakai **rumah jemur beratap plastik UV** (solar dryer dome), "
                "lapisan biji tipis 3–4 cm, diaduk tiap 2 jam. Jangan tumpuk biji setengah kering di "
                "karung lebih dari semalam, bisa berjamur dan muncul cacat rasa. Alat ukur kadar air "
                "ada di koperasi, silakan dipinjam."
            )),
            ("Khairul Anwar", 2, (
                "Di koperasi kami dome 6 x 12 meter muat sekitar 600 kg labu. Kalau mau lihat, datang "
                "saja ke Bebesen."
            )),
            ("Rahmah Aini", 3, (
                "Untuk sangrai juga terasa bedanya: biji yang keringnya rata matangnya lebih "
                "seragam."
            )),
        ],
        "accepted": 2,
        "thanks": {2: ["Fadhil Ramadhan", "Zulfikar Ali", "Yusra Hanum"], 3: ["Fadhil Ramadhan"]},
    },
    {
        "board": "teknik-produksi", "kind": G, "author": "Dwi Astuti Rahayu", "days_ago": 60,
        "title": "Panduan finishing mebel jati Jepara: dari amplas sampai melamin",
        "tags": ["jati", "finishing", "mebel"],
        "feature": "mebel-ukir-jepara",
        "body": (
            "Ringkasan pelatihan finishing di UPT Jepara, untuk kursi dan meja jati tujuan ekspor.\n\n"
            "## 1. Persiapan\n\n"
            "- Kadar air kayu **maksimal 12%** sebelum dirakit (cek dengan moisture meter).\n"
            "- Amplas bertahap: **120 → 180 → 240**, searah serat. Bersihkan debu dengan kain lap "
            "lembap yang diperas kering.\n"
            "- Tutup pori dan retak kecil dengan **wood filler** yang warnanya sesuai, amplas lagi "
            "dengan 240.\n\n"
            "## 2. Pewarnaan (opsional)\n\n"
            "Stain berbasis air memberi warna lebih rata di ukiran. Uji dulu di sisa kayu yang sama.\n\n"
            "## 3. Lapisan dasar\n\n"
            "**Sanding sealer** 1–2 lapis, tunggu kering 1–2 jam, amplas ringan dengan 400.\n\n"
            "## 4. Lapisan akhir\n\n"
            "| Pilihan | Kelebihan | Catatan |\n"
            "| --- | --- | --- |\n"
            "| Melamin | tahan gores, cepat kering | pakai masker, ruang berventilasi |\n"
            "| NC lacquer | mudah diperbaiki | kurang tahan panas |\n"
            "| Politur (shellac) | tampilan klasik | perlu lebih banyak lapisan |\n\n"
            "Semprot tipis 2–3 lapis, amplas 600–800 di antara lapisan. Untuk pembeli Eropa, tanyakan "
            "apakah mereka minta cat **bebas timbal** dan rendah VOC.\n\n"
            "Pertanyaan silakan di bawah."
        ),
        "replies": [
            ("Kusnadi", 2, (
                "Terima kasih Bu Dwi. Tambahan dari bengkel kami: di musim hujan, semprot melamin "
                "jangan sore hari, hasilnya bisa putih berkabut (blushing)."
            )),
            ("Sutarno", 5, "Tabelnya jelas sekali. Boleh kami cetak untuk ditempel di ruang finishing?"),
            ("Dwi Astuti Rahayu", 5, (
                "Silakan, Pak Sutarno. Nanti versi cetaknya saya titipkan di kantor pengelola. "
                ""
            )),
        ],
        "thanks": {
            1: ["Kusnadi", "Sutarno", "Rofiq Hidayat", "Siti Khotijah", "Ahmad Zainuri"],
            2: ["Sutarno"],
        },
    },
    {
        "board": "desain-motif", "kind": D, "author": "Endang Lestari", "days_ago": 25,
        "title": "Motif batik Solo klasik untuk pembeli muda: parang dan kawung dalam warna baru?",
        "tags": ["batik", "motif", "parang", "kawung"],
        "body": (
            "Pembeli di pameran kemarin banyak anak muda. Mereka suka parang dan kawung, tetapi bilang "
            "warna sogan terlalu \"formal\". Ada yang sudah mencoba motif klasik dengan warna indigo "
            "atau pastel? Bagaimana tanggapan pembeli lama?"
        ),
        "replies": [
            ("Agus Prasetyo", 1, (
                "Kami coba kawung dengan indigo muda untuk kemeja, laku di toko daring. Untuk pembeli "
                "lama tetap kami sediakan sogan. Jadi dua lini, bukan mengganti."
            )),
            ("Dewi Kartika Sari", 3, (
                "Dari sisi kurasi OVOP: yang dinilai tinggi adalah **ketelitian isen-isen** dan cerita "
                "motifnya. Warna baru tidak masalah asal ditulis jelas di deskripsi produk bahwa ini "
                "pengembangan dari motif klasik."
            )),
            ("Gunawan Setiadi", 4, (
                "Satu catatan: parang rusak dulu motif larangan di keraton. Untuk produk yang dijual "
                "luas aman, tetapi baik kalau ceritanya disampaikan dengan hormat."
            )),
        ],
        "thanks": {3: ["Endang Lestari", "Agus Prasetyo", "Sri Handayani"], 4: ["Endang Lestari"]},
    },
    {
        "board": "pengemasan-label", "kind": Q, "author": "Sumiati", "days_ago": 21,
        "title": "Kemasan keripik tempe supaya tetap renyah sampai 3 bulan",
        "tags": ["keripik", "kemasan", "umur-simpan"],
        "body": (
            "Keripik tempe kami dikirim ke Jakarta dan Surabaya. Setelah sebulan di toko mulai melempem "
            "dan ada bau tengik. Sekarang pakai plastik PP tebal dan di-seal biasa. Kemasan apa yang "
            "sebaiknya dipakai?"
        ),
        "replies": [
            ("Ayu Puspitasari", 1, (
                "Bu Sumiati, ada tiga hal yang saling berkait:\n\n"
                "1. **Minyak**: tiriskan dengan spinner peniris, lalu dinginkan sampai suhu ruang sebelum "
                "dikemas. Keripik hangat yang dikemas akan berembun di dalam.\n"
                "2. **Kemasan**: plastik PP masih tembus uap air dan udara. Pakai **standing pouch "
                "aluminium foil atau metalized** dengan zipper, seal rapat 2 garis.\n"
                "3. **Udara**: isi nitrogen kalau ada mesinnya di rumah kemasan; kalau tidak, buang udara "
                "sebanyak mungkin sebelum seal.\n\n"
                "Dengan itu, 3–4 bulan umumnya aman. Label tanggal kedaluwarsa sesuaikan dengan hasil uji "
                "simpan Ibu sendiri."
            )),
            ("Hadi Purnomo", 2, (
                "Rumah kemasan sentra punya mesin continuous sealer dan nitrogen. Jadwalnya bisa tanya "
                "@Anton_Susilo."
            )),
            ("Sumiati", 14, (
                "Sudah ganti ke pouch foil dan nitrogen. Dua bulan di toko masih renyah. Terima "
                "kasih."
            )),
        ],
        "accepted": 2,
        "thanks": {2: ["Sumiati", "Lilik Suryani", "Mochamad Arifin"], 3: ["Sumiati"]},
    },
    {
        "board": "sertifikasi-perizinan", "kind": G, "author": "Ayu Puspitasari", "days_ago": 70,
        "title": "Langkah mengurus SPP-IRT dan sertifikat halal gratis untuk IKM pangan",
        "tags": ["halal", "pirt", "pangan", "nib"],
        "feature": "keripik-tempe-sanan",
        "body": (
            "Urutan yang paling lancar menurut pengalaman pendampingan di Sanan:\n\n"
            "1. **NIB** lewat OSS (oss.go.id). Pilih KBLI yang sesuai produk, misalnya untuk keripik "
            "tempe.\n"
            "2. **Penyuluhan Keamanan Pangan (PKP)** dari Dinas Kesehatan. Sertifikatnya syarat SPP-IRT.\n"
            "3. **SPP-IRT** diajukan lewat OSS; petugas akan memeriksa tempat produksi. Siapkan "
            "dapur yang bersih, lantai mudah dibersihkan, tempat cuci tangan, dan catatan bahan.\n"
            "4. **Sertifikat halal**: untuk usaha mikro dan kecil ada jalur *self declare* lewat "
            "SIHALAL dengan pendamping proses produk halal (PPH). Daftarkan semua bahan beserta "
            "merek dan pemasoknya.\n\n"
            "Yang wajib ada di **label**: nama produk, komposisi, berat bersih, nama dan alamat "
            "produsen, nomor P-IRT, kode produksi, tanggal kedaluwarsa, dan logo halal bila sudah "
            "bersertifikat.\n\n"
            "Anggota sentra bisa minta jadwal pendampingan ke kantor UPT."
        ),
        "replies": [
            ("Lilik Suryani", 3, (
                "Bu Ayu, kalau minyak goreng ganti merek, apakah sertifikat halal harus diurus "
                "ulang?"
            )),
            ("Ayu Puspitasari", 4, (
                "Perlu dilaporkan sebagai perubahan bahan, Bu Lilik. Kalau merek baru sudah bersertifikat "
                "halal biasanya cukup pembaruan data, tidak mulai dari awal."
            )),
        ],
        "thanks": {
            1: ["Sumiati", "Lilik Suryani", "Hadi Purnomo", "Mochamad Arifin", "Mujiono"],
            3: ["Lilik Suryani"],
        },
    },
    {
        "board": "ekspor", "kind": Q, "author": "Rofiq Hidayat", "days_ago": 18,
        "title": "Dokumen V-Legal (SVLK) untuk ekspor kursi jati pertama: apa yang perlu disiapkan?",
        "tags": ["svlk", "ekspor", "kayu"],
        "body": (
            "Ada pembeli dari Belanda minta 200 kursi jati. Mereka tanya dokumen V-Legal. Usaha kami "
            "masih kecil. Apakah harus punya sertifikat sendiri, dan berapa lama prosesnya?"
        ),
        "replies": [
            ("Muhammad Nur Salim", 1, (
                "Selamat, Pak Rofiq. Beberapa anggota sudah pernah, nanti Pak Eko yang lebih paham "
                "prosesnya."
            )),
            ("Eko Wahyudi", 2, (
                "Ringkasnya:\n\n"
                "- Produk kayu yang diekspor harus disertai **dokumen V-Legal**, diterbitkan lewat "
                "lembaga verifikasi (LVLK) untuk usaha yang punya **sertifikat legalitas kayu (S-LK)**.\n"
                "- Untuk IKM, biaya bisa ditekan dengan **sertifikasi kelompok** lewat sentra. Sentra "
                "sedang menyiapkan kelompok kedua, Bapak bisa ikut.\n"
                "- Siapkan dari sekarang: nota pembelian kayu dari TPK atau pemasok bersertifikat, "
                "catatan kayu masuk dan keluar (stok), NIB, dan foto proses produksi.\n\n"
                "Prosesnya bisa beberapa minggu sampai beberapa bulan, jadi sampaikan jujur ke pembeli "
                "jadwal realistisnya."
            )),
            ("Linnea Berg", 3, (
                "From the buyer side (Sweden): we need the V-Legal number on the invoice for EU customs. "
                "Being part of a group certificate is completely fine for us."
            )),
        ],
        "accepted": 3,
        "thanks": {3: ["Rofiq Hidayat", "Sholeh Mahmud", "Kusnadi"], 4: ["Rofiq Hidayat", "Eko Wahyudi"]},
    },
    {
        "board": "pewarnaan", "kind": G, "author": "Bayu Firmansyah", "days_ago": 90,
        "title": "Resep pewarna alami dari kulit kayu mahoni dan secang untuk benang tapis",
        "tags": ["tapis", "pewarna-alami", "mahoni", "secang"],
        "feature": "tenun-tapis-bandar-lampung",
        "body": (
            "Resep yang kami pakai di pelatihan UPT, untuk 1 kg benang katun.\n\n"
            "**Mordan (sehari sebelum mencelup)**\n\n"
            "- Rebus benang dalam 20 liter air dengan 100 g tawas dan 30 g soda abu, 1 jam.\n"
            "- Biarkan semalam dalam air rebusan, bilas, keringkan angin.\n\n"
            "**Ekstrak warna**\n\n"
            "- Mahoni: 1 kg serutan kulit kayu, rebus dalam 10 liter air sampai tinggal 5 liter. "
            "Warna cokelat kemerahan.\n"
            "- Secang: 500 g serutan kayu, cara sama. Warna merah.\n\n"
            "**Mencelup**: celup 15 menit, angin-anginkan, ulangi 5–6 kali.\n\n"
            "**Fiksasi** (pilih satu, hasil berbeda):\n\n"
            "| Fiksator | Takaran per liter | Hasil |\n"
            "| --- | --- | --- |\n"
            "| Tawas | 70 g | warna cerah |\n"
            "| Kapur | 50 g | lebih tua |\n"
            "| Tunjung | 30 g | gelap, keabuan |\n\n"
            "Catat takaran dan hasil setiap kali, supaya warna pesanan berikutnya bisa diulang."
        ),
        "replies": [
            ("Yuliana Sari", 5, (
                "Sudah coba secang dengan fiksasi tawas, merahnya cantik sekali untuk motif pucuk "
                "rebung."
            )),
        ],
        "thanks": {1: ["Yuliana Sari", "Hj. Nurhayati", "Rusmini Hasan", "Maryati Syarif"]},
    },
    {
        "board": "sentra:tenun-tapis-bandar-lampung", "members_only": True, "kind": D,
        "author": "Andi Saputra", "days_ago": 6,
        "title": "Jadwal pemakaian ATBM dan mesin jahit di gedung produksi bulan ini",
        "tags": ["jadwal", "mesin-bersama"],
        "body": (
            "Bapak Ibu anggota, jadwal pemakaian bersama bulan ini:\n\n"
            "- **ATBM 1–4**: Senin–Rabu pagi untuk pesanan tapis pengantin.\n"
            "- **Mesin jahit tas**: Kamis dan Jumat.\n"
            "- Sabtu untuk pelatihan anggota baru.\n\n"
            "Mohon tulis di sini kalau perlu tukar jadwal. Kunci gedung tetap di kantor pengelola."
        ),
        "replies": [
            ("Hj. Nurhayati", 1, (
                "Pak Andi, kami minta tukar ATBM 2 ke Kamis minggu depan, ada pesanan selendang 40 "
                "lembar."
            )),
            ("Andi Saputra", 1, "Bisa, Bu. Sudah saya catat."),
            ("Yuliana Sari", 2, "Sabtu pelatihan jam berapa, Pak? @Andi_Saputra"),
        ],
        "thanks": {3: ["Hj. Nurhayati"]},
    },
    {
        "board": "umum", "kind": D, "author": "Euis Komalasari", "days_ago": 12,
        "title": "Perkenalan: perajin keramik dari Plered, Purwakarta",
        "tags": ["perkenalan", "keramik"],
        "body": (
            "Salam kenal, saya Euis dari Keramik Sinar Plered. Kami membuat pot dan vas hias, sebagian "
            "sudah dikirim ke Bali untuk hotel. Senang bisa belajar dari sentra lain di sini. "
            "@Asep_Saepudin juga sudah bergabung."
        ),
        "replies": [
            ("Asep Saepudin", 1, (
                "Hatur nuhun Teh Euis. Siap berbagi soal glasir suhu rendah kalau ada yang perlu. "
                ""
            )),
            ("Sugeng Widodo", 2, "Salam dari Kasongan. Kapan-kapan kita tukar pengalaman soal tungku."),
        ],
        "thanks": {1: ["Asep Saepudin", "Sugeng Widodo"]},
    },
    {
        "board": "keuangan-permodalan", "kind": Q, "author": "Mahmudah", "days_ago": 9,
        "title": "KUR untuk membeli ATBM baru: ada pengalaman mengajukan?",
        "tags": ["kur", "modal", "atbm"],
        "body": (
            "Kami ingin menambah 4 ATBM. Bank menyarankan KUR mikro. Dokumen apa saja yang diminta, dan "
            "apakah nota pesanan dari pembeli membantu?"
        ),
        "replies": [
            ("Umi Kulsum", 3, (
                "Kami dulu diminta NIB, KTP, KK, dan catatan penjualan 6 bulan. Nota pesanan "
                "membantu sekali."
            )),
        ],
        "thanks": {2: ["Mahmudah"]},
    },
    {
        "board": "mesin-peralatan", "kind": Q, "author": "Rahmah Aini", "days_ago": 4,
        "title": "Mesin sangrai kopi 5 kg: lebih baik pemanas gas atau listrik?",
        "tags": ["kopi", "mesin-sangrai"],
        "body": (
            "Rencana upgrade dari sangrai 1 kg. Listrik di tempat kami sering turun tegangan. Apakah "
            "gas lebih aman untuk profil sangrai yang konsisten?"
        ),
        "replies": [],
        "thanks": {},
    },
]

NOTIFY_DEMO = [
    # (recipient, actor, kind, thread index, post number): what the demo accounts find on arrival.
    ("Hj. Nurhayati", "Bayu Firmansyah", "forum.reply", 0, 2),
    ("Hj. Nurhayati", "Maryati Syarif", "forum.mention", 0, 4),
    ("Andi Saputra", "Yuliana Sari", "forum.mention", 9, 4),
    ("Andi Saputra", "Hj. Nurhayati", "forum.reply", 9, 2),
]


def _board(slug, loader, members_only=False):
    """A subject board by slug, or a sentra's board ("sentra:<slug>"), created when missing."""
    if slug.startswith("sentra:"):
        sentra = loader.sentra.get(slug.split(":", 1)[1])
        if sentra is None:
            return None
        board = boards.ensure_sentra_board(sentra)
        if members_only and board.topic_count == 0:
            board.visibility = VISIBILITY_MEMBERS
        return board
    return db.session.scalar(select(Board).where(Board.slug == slug))


def _load_thread(spec, board, people, sentra, now):
    """One topic with its posts, accepted answer, thanks, tags and watches; returns (topic, posts)."""
    author = people[spec["author"]]
    start = now - timedelta(days=spec["days_ago"])
    topic = Topic(board_id=board.id, author_id=author.id, kind=spec["kind"], title=spec["title"],
                  created_at=start, last_post_at=start)
    topic.tags = [TopicTag(tag=tag) for tag in spec.get("tags", [])]
    db.session.add(topic)
    db.session.flush()
    posts = [Post(topic_id=topic.id, number=1, author_id=author.id, body=spec["body"], created_at=start)]
    watchers = {author.id}
    for number, (name, days, body) in enumerate(spec.get("replies", []), start=2):
        person = people[name]
        when = start + timedelta(days=days, hours=number)
        posts.append(Post(topic_id=topic.id, number=number, author_id=person.id, body=body, created_at=when))
        watchers.add(person.id)
    db.session.add_all(posts)
    db.session.flush()
    by_number = {post.number: post for post in posts}
    accepted = by_number.get(spec.get("accepted"))
    if accepted is not None:
        topic.accepted_post_id = accepted.id
        topic.accepted_at = accepted.created_at + timedelta(hours=6)
    if spec.get("feature") in sentra and spec["kind"] == KIND_GUIDE:
        topic.featured_sentra_id = sentra[spec["feature"]].id
        topic.featured_at = start + timedelta(days=3)
    for number, names in spec.get("thanks", {}).items():
        post = by_number.get(number)
        for name in names:
            if post is not None and name in people and people[name].id != post.author_id:
                db.session.add(Reaction(post_id=post.id, user_id=people[name].id,
                                        created_at=post.created_at + timedelta(days=1)))
                post.reaction_count = (post.reaction_count or 0) + 1
    db.session.add_all(TopicWatch(user_id=user_id, topic_id=topic.id) for user_id in watchers)
    topic.view_count = 15 + 11 * len(posts) + 3 * sum(len(names) for names in spec.get("thanks", {}).values())
    services.recount_topic(topic)
    return topic, posts


def _demo_notifications(loaded, people):
    """A few unread notifications for the demo accounts, marked as mailed (no mail goes out)."""
    now = utcnow()
    for recipient, actor, kind, index, number in NOTIFY_DEMO:
        topic = loaded.get(index)
        if topic is None or recipient not in people or actor not in people:
            continue
        db.session.add(Notification(
            user_id=people[recipient].id, actor_id=people[actor].id, kind=kind, subject=topic.title[:200],
            url=services.permalink(topic.id, number), created_at=now - timedelta(hours=number),
            emailed_at=now,
        ))


def load(loader, progress):
    """Add what is missing; return {name: number created} for the summary."""
    task = progress.add_task("Forum", total=len(THREADS))
    boards.ensure_subject_boards()
    people = {user.display_name: user for user in loader.users.values()}
    now = utcnow()
    created = {"forum topics": 0, "forum posts": 0}
    loaded = {}
    touched = set()
    # Permalinks are built with url_for, which needs a request outside the web server.
    with current_app.test_request_context("/"):
        for index, spec in enumerate(THREADS):
            progress.advance(task)
            board = _board(spec["board"], loader, spec.get("members_only", False))
            names = [spec["author"], *(name for name, _days, _body in spec.get("replies", []))]
            if board is None or any(name not in people for name in names):
                continue
            exists = db.session.scalar(select(Topic.id).where(Topic.board_id == board.id,
                                                              Topic.title == spec["title"]))
            if exists:
                continue
            topic, posts = _load_thread(spec, board, people, loader.sentra, now)
            loaded[index] = topic
            touched.add(board)
            created["forum topics"] += 1
            created["forum posts"] += len(posts)
        for board in touched:
            services.recount_board(board)
        _demo_notifications(loaded, people)
    db.session.flush()
    return created
