"""The demo content: real, well-known sentra IKM with fictional businesses and people.

Places, crafts and history are real and kept to well-known facts; owners, business names,
NIB numbers, phone numbers (0812-0000-....) and e-mail addresses (@example.com) are invented.
"""

from typing import NamedTuple


class BusinessSpec(NamedTuple):
    """One fictional IKM unit of a demo sentra."""

    name: str
    owner: str
    year: int
    workforce: int
    capacity: int
    unit: str
    techniques: str
    certifications: tuple = ()
    export_ready: bool = False
    description: str = ""
    owner_email: str | None = None  # only for the fixed demo accounts


B = BusinessSpec

SENTRA = [
    {
        "slug": "tenun-tapis-bandar-lampung",
        "name": "Sentra IKM Tenun Tapis Bandar Lampung",
        "commodity": "tapis",
        "tagline": "Tapis bersulam benang emas dari Kemiling, Bandar Lampung",
        "story": (
            "Tapis adalah kain tenun khas Lampung yang dihias sulaman benang emas atau perak. "
            "Kain ini dikenakan perempuan Lampung sebagai sarung pada upacara adat, pernikahan, "
            "dan acara resmi, dengan motif yang diwariskan turun-temurun seperti pucuk rebung "
            "dan kapal.\n\n"
            "Sentra IKM Tenun Tapis di Jalan Teuku Cik Ditiro, Kelurahan Beringin Jaya, Kecamatan "
            "Kemiling, menjadi rumah bersama bagi 15 IKM penenun dan penyulam tapis. Gedungnya "
            "direvitalisasi melalui Dana Alokasi Khusus (DAK) tahun 2021 dan kini memiliki kantor "
            "UPT, kantor pengelola, gedung produksi, pusat promosi, serta mesin dan peralatan yang "
            "dipakai bersama.\n\n"
            "Pengunjung dapat melihat langsung proses pembuatan tapis, dari menenun kain dasar "
            "sampai menyulam motif dengan teknik cucuk, lalu memesan kain, selendang, maupun "
            "produk turunan seperti tas, dompet, dan hiasan dinding."
        ),
        "province": "lampung",
        "regency": "Kota Bandar Lampung",
        "district": "Kemiling",
        "village": "Beringin Jaya",
        "address": "Jalan Teuku Cik Ditiro, Kelurahan Beringin Jaya, Kecamatan Kemiling, "
                   "Kota Bandar Lampung",
        "year_established": None,
        "guided_by": "Dinas Perindustrian Kota Bandar Lampung",
        "accent": "maroon",
        "motif": "diamonds",
        "facilities": [
            ("kantor_upt", "Kantor UPT untuk layanan teknis dan pendampingan anggota"),
            ("kantor_pengelola", "Kantor pengelola sentra dan administrasi anggota"),
            ("gedung_produksi", "Ruang tenun dan sulam yang dipakai bersama oleh 15 IKM"),
            ("showroom", "Pusat promosi dan ruang pamer kain tapis"),
            ("mesin_peralatan", "Alat tenun dan peralatan sulam untuk anggota"),
        ],
        "programmes": [
            ("revitalisasi", "DAK", 2021, "Revitalisasi gedung dan fasilitas sentra"),
        ],
        "board": [("ketua", "Hj. Rosmawati Yusuf"), ("sekretaris", "Indah Permatasari"),
                  ("bendahara", "Sulastri Ningsih")],
        "pengelola": ("Andi Saputra", "pengelola@example.com"),
        "upt": "Bayu Firmansyah",
        "gallery": [
            "Ilustrasi motif belah ketupat tapis dalam merah marun dan emas",
            "Ilustrasi detail sulaman benang emas bermotif tumpal",
            "Ilustrasi kain tapis yang dibentangkan di ruang pamer",
        ],
        "businesses": [
            B("Tapis Siger Kemiling", "Hj. Nurhayati", 2009, 12, 20, "lembar",
              "Sulam benang emas (cucuk), Tenun kain dasar, Motif siger", ("HAKI",), True,
              "Usaha keluarga yang menenun kain dasar sendiri lalu menyulamnya dengan benang emas. "
              "Menerima pesanan tapis pengantin, selendang, dan hiasan dinding bermotif siger.",
              owner_email="perajin@example.com"),
            B("Tapis Jung Sarat", "Rusmini Hasan", 1998, 8, 12, "lembar",
              "Sulam benang emas (cucuk), Tapis jung sarat, Tenun kain dasar", (), False,
              "Mengkhususkan diri pada tapis jung sarat untuk busana pengantin dan upacara adat."),
            B("Tapis Ratu Agung", "Maryati Syarif", 2004, 10, 15, "lembar",
              "Sulam benang emas (cucuk), Motif pucuk rebung, Motif kapal", ("HAKI",), True,
              "Tapis dengan motif kapal dan pucuk rebung; melayani pesanan instansi dan kolektor."),
            B("Tapis Pucuk Rebung", "Yuliana Sari", 2012, 6, 10, "lembar",
              "Sulam benang emas (cucuk), Motif pucuk rebung", (), False,
              "Penyulam muda yang mengembangkan tapis motif pucuk rebung untuk busana modern."),
            B("Sulam Usus Beringin Jaya", "Sri Mulyani", 2010, 9, 60, "pcs",
              "Sulam usus, Sulam benang emas, Jahit busana", ("HAKI",), False,
              "Busana dan kebaya bersulam usus khas Lampung, dipadukan dengan aksen tapis."),
            B("Tapis Cucuk Mas", "Erlina Rahmawati", 2015, 5, 8, "lembar",
              "Sulam benang emas (cucuk), Sulam benang perak", (), False,
              "Tapis bersulam benang emas dan perak untuk selendang, taplak, dan hiasan dinding."),
            B("Tapis Sai Bumi", "Zulkarnain Ibrahim", 2001, 14, 18, "lembar",
              "Tenun kain dasar, Sulam benang emas (cucuk), Pewarnaan benang", ("HAKI",), True,
              "Salah satu anggota tertua sentra; menenun kain dasar untuk dipakai sendiri dan "
              "dipasok ke penyulam lain."),
            B("Tapis Gunung Betung", "Hendra Gunawan", 2016, 7, 120, "pcs",
              "Aplikasi tapis, Jahit tas dan dompet", (), False,
              "Tas, dompet, dan sarung bantal beraplikasi tapis untuk oleh-oleh khas Lampung."),
            B("Tapis Bunga Cempaka", "Fitriani Anwar", 2013, 6, 9, "lembar",
              "Sulam benang emas (cucuk), Motif bunga", (), False,
              "Tapis bermotif flora dengan warna dasar cerah untuk pasar anak muda."),
            B("Tapis Lemasih", "Dewi Anggraini", 2018, 4, 6, "lembar",
              "Sulam benang emas (cucuk), Tenun kain dasar", (), False,
              "Usaha rumahan yang menerima pesanan tapis dengan motif dan ukuran khusus."),
            B("Tapis Inten Kemiling", "Rohmah Fauziah", 2007, 9, 14, "lembar",
              "Sulam benang emas (cucuk), Motif kapal, Tenun kain dasar", ("HAKI",), False,
              "Tapis bermotif kapal dan belah ketupat untuk upacara adat dan koleksi."),
            B("Tapis Beringin Emas", "Suryani Abdullah", 2003, 11, 16, "lembar",
              "Sulam benang emas (cucuk), Sulam usus", (), True,
              "Kain tapis dan selendang bersulam emas; sudah mengirim contoh ke pembeli luar negeri."),
            B("Tapis Nuwo Sesat", "Ahmad Fauzi", 2011, 8, 80, "pcs",
              "Aplikasi tapis, Jahit busana, Jahit aksesori", (), False,
              "Kemeja, rompi, dan peci beraplikasi tapis untuk seragam kantor dan acara resmi."),
            B("Tapis Muli Mekhanai", "Rina Marlina", 2019, 5, 90, "pcs",
              "Aplikasi tapis, Jahit tas dan dompet", (), False,
              "Merek muda yang membuat tas dan aksesori tapis untuk dijual daring."),
            B("Tapis Mustika Lampung", "Siti Aisyah", 2006, 10, 13, "lembar",
              "Sulam benang emas (cucuk), Motif pucuk rebung, Motif kapal", ("HAKI",), True,
              "Tapis untuk busana adat dan cendera mata resmi, dikerjakan oleh penyulam berpengalaman."),
        ],
    },
    {
        "slug": "batik-laweyan",
        "name": "Sentra IKM Batik Laweyan",
        "commodity": "batik",
        "tagline": "Kampung saudagar batik tulis dan cap di Kota Surakarta",
        "story": (
            "Laweyan dikenal sebagai kampung saudagar batik di sisi barat Kota Surakarta. Rumah-"
            "rumah saudagar bertembok tinggi dan gang-gang sempit masih berdiri di antara bengkel "
            "batik yang terus berproduksi.\n\n"
            "Dari kampung ini pula Kiai Haji Samanhudi, seorang saudagar batik Laweyan, mendirikan "
            "Sarekat Dagang Islam, perkumpulan para pedagang pribumi pada awal abad ke-20.\n\n"
            "Kini para perajin Kampung Batik Laweyan membuat batik tulis, cap, dan kombinasi, dari "
            "warna sogan klasik sampai warna cerah, dan banyak yang membuka kelas membatik bagi "
            "pengunjung."
        ),
        "province": "jawa-tengah",
        "regency": "Kota Surakarta",
        "district": "Laweyan",
        "village": "Laweyan",
        "address": "Kampung Batik Laweyan, Kelurahan Laweyan, Kecamatan Laweyan, Kota Surakarta",
        "guided_by": "Pemerintah Kota Surakarta",
        "accent": "sogan",
        "motif": "parang",
        "facilities": [
            ("showroom", "Ruang pamer batik di rumah-rumah produksi anggota"),
            ("rumah_produksi", "Bengkel membatik tulis dan cap yang terbuka untuk kelas membatik"),
        ],
        "board": [("ketua", "Gunawan Setiadi"), ("sekretaris", "Rini Kusumaningrum")],
        "pengelola": "Dimas Aryo Wibowo",
        "upt": "Tri Wahyuningsih",
        "gallery": [
            "Ilustrasi motif parang dalam warna sogan",
            "Ilustrasi detail garis parang dan titik-titik isen",
            "Ilustrasi kain batik sogan yang dilipat",
        ],
        "businesses": [
            B("Batik Sekar Kinasih", "Bambang Sutrisno", 1995, 18, 400, "lembar",
              "Batik tulis, Batik cap, Sogan klasik", ("BATIKMARK", "HAKI"), True,
              "Batik tulis dan cap bermotif klasik Surakarta dengan warna sogan."),
            B("Batik Gading Laweyan", "Sri Handayani", 2006, 10, 250, "lembar",
              "Batik cap, Batik kombinasi, Pewarna sintetis", ("BATIKMARK",), False,
              "Kain batik cap dan kombinasi untuk seragam sekolah, kantor, dan acara keluarga."),
            B("Batik Sogan Wijaya", "Agus Prasetyo", 2001, 14, 300, "lembar",
              "Batik tulis, Pewarna alam, Sogan klasik", ("BATIKMARK", "HAKI"), True,
              "Batik tulis berpewarna alam seperti soga dan indigo untuk pembeli dalam dan luar negeri."),
            B("Batik Kawung Sari", "Endang Lestari", 2010, 8, 150, "lembar",
              "Batik tulis, Batik cap, Jahit busana", (), False,
              "Busana batik siap pakai: kemeja, blus, dan gaun dengan motif kawung dan parang."),
            B("Batik Canting Mas", "Wahyu Nugroho", 2014, 6, 120, "lembar",
              "Batik tulis, Kelas membatik", (), False,
              "Bengkel kecil yang menerima kelas membatik untuk rombongan sekolah dan wisatawan."),
            B("Batik Larasati", "Retno Wulandari", 2008, 12, 200, "lembar",
              "Batik cap, Batik tulis, Pewarna alam", ("BATIKMARK",), True,
              "Batik cap dan tulis untuk butik; dikenal dengan perpaduan sogan dan warna pastel."),
        ],
    },
    {
        "slug": "gerabah-kasongan",
        "name": "Sentra IKM Gerabah Kasongan",
        "commodity": "gerabah-keramik",
        "tagline": "Gerabah hias dan tembikar dari Kasongan, Bantul",
        "story": (
            "Kasongan di Desa Bangunjiwo, Kecamatan Kasihan, adalah kampung gerabah di selatan "
            "Kota Yogyakarta. Turun-temurun warganya membentuk tanah liat menjadi perabot dapur, "
            "lalu berkembang menjadi gerabah hias.\n\n"
            "Kini perajin Kasongan membuat guci, pot, patung hewan, dan hiasan taman, dibentuk "
            "dengan putaran dan cetakan lalu dibakar di tungku. Deretan ruang pamer di sepanjang "
            "jalan kampung melayani wisatawan dan pembeli grosir, termasuk pembeli luar negeri."
        ),
        "province": "di-yogyakarta",
        "regency": "Kabupaten Bantul",
        "district": "Kasihan",
        "village": "Bangunjiwo",
        "address": "Kasongan, Desa Bangunjiwo, Kecamatan Kasihan, Kabupaten Bantul",
        "guided_by": "Pemerintah Kabupaten Bantul",
        "accent": "clay",
        "motif": "pots",
        "facilities": [
            ("showroom", "Deretan ruang pamer gerabah di sepanjang jalan kampung"),
            ("rumah_produksi", "Tungku pembakaran dan tempat penjemuran gerabah"),
        ],
        "board": [("ketua", "Sukirman Hadi"), ("bendahara", "Ngatini")],
        "pengelola": "Rudi Hartono",
        "upt": "Anisa Rahmawati",
        "gallery": [
            "Ilustrasi deretan guci dan pot gerabah di rak",
            "Ilustrasi gerabah terakota dengan garis putaran",
            "Ilustrasi gerabah hias siap kirim",
        ],
        "businesses": [
            B("Griya Gerabah Bangunjiwo", "Sugeng Widodo", 1992, 15, 1500, "pcs",
              "Putaran, Cetak tekan, Pembakaran tungku, Cat terakota", ("HAKI",), True,
              "Guci dan pot hias untuk hotel, taman, dan pembeli luar negeri."),
            B("Gerabah Tanah Liat Jaya", "Suparmi", 1999, 8, 2000, "pcs",
              "Putaran, Pembakaran tungku", (), False,
              "Perabot dapur dari tanah liat: kendil, cobek, dan anglo untuk pasar tradisional."),
            B("Sanggar Tembikar Kasongan", "Tri Haryanto", 2005, 10, 600, "pcs",
              "Pilin tangan, Cetak tekan, Cat tempel", (), True,
              "Patung hewan dan hiasan taman dengan finishing cat, dikirim dalam peti kayu."),
            B("Gerabah Jati Kencana", "Joko Santoso", 2011, 6, 800, "pcs",
              "Cetak tekan, Pembakaran tungku, Finishing natural", (), False,
              "Pot tanaman ukuran kecil dan sedang untuk toko tanaman hias."),
            B("Omah Lempung Kasongan", "Wahyuni Astuti", 2016, 5, 400, "pcs",
              "Putaran, Kelas membuat gerabah", (), False,
              "Suvenir gerabah kecil dan kelas membentuk tanah liat untuk wisatawan."),
        ],
    },
    {
        "slug": "keramik-plered",
        "name": "Sentra IKM Keramik Plered",
        "commodity": "gerabah-keramik",
        "tagline": "Keramik dan gerabah Plered untuk rumah, taman, dan ekspor",
        "story": (
            "Plered di Kabupaten Purwakarta sudah lama dikenal sebagai penghasil gerabah dan "
            "keramik. Tanah liat diolah perajin menjadi guci, vas, pot, dan perlengkapan rumah "
            "tangga.\n\n"
            "Selain gerabah terakota, banyak perajin kini membuat keramik berglasir untuk hotel, "
            "kafe, dan pembeli luar negeri. Ruang pamer di tepi jalan Plered menjadi tempat "
            "pembeli melihat dan memesan langsung."
        ),
        "province": "jawa-barat",
        "regency": "Kabupaten Purwakarta",
        "district": "Plered",
        "village": "Anjun",
        "guided_by": "Pemerintah Kabupaten Purwakarta",
        "accent": "teal",
        "motif": "pots",
        "facilities": [
            ("showroom", "Ruang pamer keramik di tepi jalan Plered"),
        ],
        "board": [("ketua", "Dadang Suherman")],
        "pengelola": "Yayan Sopyan",
        "upt": "Rika Nurlaela",
        "businesses": [
            B("Keramik Anjun Lestari", "Asep Saepudin", 1997, 20, 3000, "pcs",
              "Putaran, Cetak tuang, Glasir, Pembakaran tungku", ("HAKI",), True,
              "Pot dan vas berglasir untuk pembeli luar negeri dan jaringan toko taman."),
            B("Keramik Sinar Plered", "Euis Komalasari", 2004, 9, 1200, "pcs",
              "Putaran, Glasir", (), False,
              "Peralatan makan dan minum berglasir untuk kafe dan restoran."),
            B("Gerabah Mekar Jaya", "Dedi Supriatna", 2000, 12, 2500, "pcs",
              "Putaran, Cetak tekan, Pembakaran tungku", (), True,
              "Pot terakota ukuran besar untuk proyek lanskap."),
            B("Pot Tanah Pasundan", "Ujang Rohmat", 2012, 6, 1800, "pcs",
              "Cetak tekan, Pembakaran tungku, Cat tembok", (), False,
              "Pot tanaman dengan finishing cat untuk toko tanaman di Jabodetabek."),
            B("Keramik Jatiluhur", "Neneng Hasanah", 2015, 7, 900, "pcs",
              "Putaran, Cetak tuang, Glasir, Lukis tangan", (), False,
              "Vas dan guci berglasir dengan lukisan tangan bermotif flora."),
        ],
    },
    {
        "slug": "perak-kotagede",
        "name": "Sentra IKM Perak Kotagede",
        "commodity": "logam-perak",
        "tagline": "Perhiasan dan kerajinan perak dari bekas ibu kota Mataram",
        "story": (
            "Kotagede, di tenggara Kota Yogyakarta, pernah menjadi ibu kota Kerajaan Mataram Islam "
            "pada abad ke-16. Di antara rumah-rumah lama dan gang-gangnya, bengkel perak bekerja "
            "berdampingan dengan toko dan ruang pamer.\n\n"
            "Perajin Kotagede dikenal dengan teknik filigri (trap) dan ukir tatah. Mereka membuat "
            "perhiasan, peralatan makan, dan miniatur seperti becak dan andong, baik untuk "
            "wisatawan maupun pesanan ekspor."
        ),
        "province": "di-yogyakarta",
        "regency": "Kota Yogyakarta",
        "district": "Kotagede",
        "guided_by": "Pemerintah Kota Yogyakarta",
        "accent": "slate",
        "motif": "filigree",
        "facilities": [
            ("showroom", "Ruang pamer perak anggota di kawasan Kotagede"),
        ],
        "board": [("ketua", "Hadi Purwanto"), ("sekretaris", "Lestari Widyaningrum")],
        "pengelola": "Arif Budiman",
        "upt": "Nur Aini Fadhilah",
        "businesses": [
            B("Perak Sekar Kedaton", "Hari Susanto", 1988, 16, 900, "pcs",
              "Filigri (trap), Ukir tatah, Penyepuhan", ("HAKI",), True,
              "Perhiasan dan peralatan makan perak berteknik filigri untuk pembeli luar negeri."),
            B("Perak Ageng Mataram", "Widiastuti", 1996, 9, 600, "pcs",
              "Ukir tatah, Cor perak", (), False,
              "Cincin, liontin, dan gelang perak berukir motif Jawa."),
            B("Kriya Perak Sidomulyo", "Priyo Utomo", 2003, 7, 250, "pcs",
              "Filigri (trap), Miniatur", (), True,
              "Miniatur perak seperti becak, andong, dan kapal untuk cendera mata."),
            B("Perak Kembang Tanjung", "Ratna Kusumawati", 2010, 5, 400, "pcs",
              "Filigri (trap), Perhiasan", (), False,
              "Anting dan bros filigri dengan motif bunga."),
            B("Perak Pasar Gede", "Heru Wibisono", 2014, 4, 300, "pcs",
              "Cor perak, Penyepuhan, Kelas membuat perhiasan", (), False,
              "Perhiasan perak sederhana dan kelas membuat cincin untuk wisatawan."),
        ],
    },
    {
        "slug": "mebel-ukir-jepara",
        "name": "Sentra IKM Mebel Ukir Jepara",
        "commodity": "furnitur",
        "tagline": "Mebel dan ukiran kayu jati dari Tahunan, Jepara",
        "story": (
            "Jepara dikenal sebagai kota ukir. Keahlian mengukir kayu diwariskan turun-temurun, "
            "dan Kecamatan Tahunan menjadi salah satu pusat bengkel mebel dan ukiran.\n\n"
            "Pada awal abad ke-20, R.A. Kartini, putri Jepara, membantu perajin ukir memasarkan "
            "karya mereka ke luar Jepara. Kini mebel Jepara dikirim ke berbagai negara.\n\n"
            "Perajin di sentra ini membuat kursi, meja, lemari, dan panel relief dari kayu jati "
            "dan mahoni. Untuk ekspor, anggota mengurus dokumen SVLK agar asal kayunya dapat "
            "ditelusuri."
        ),
        "province": "jawa-tengah",
        "regency": "Kabupaten Jepara",
        "district": "Tahunan",
        "guided_by": "Pemerintah Kabupaten Jepara",
        "accent": "coffee",
        "motif": "carving",
        "facilities": [
            ("showroom", "Ruang pamer mebel dan ukiran anggota"),
            ("gudang", "Gudang kayu dan barang jadi siap kirim"),
        ],
        "board": [("ketua", "Muhammad Nur Salim"), ("sekretaris", "Fatkhul Huda"),
                  ("bendahara", "Nur Hidayah")],
        "pengelola": "Eko Wahyudi",
        "upt": "Dwi Astuti Rahayu",
        "gallery": [
            "Ilustrasi ukiran daun dan sulur di atas serat kayu",
            "Ilustrasi detail panel relief kayu jati",
            "Ilustrasi serat kayu mahoni dengan ukiran",
        ],
        "businesses": [
            B("Mebel Jati Sembada", "Kusnadi", 1990, 35, 120, "set",
              "Ukir relief, Konstruksi jati, Finishing natural", ("SVLK", "ISO9001"), True,
              "Set meja makan dan kursi jati untuk pembeli luar negeri, dikirim per kontainer."),
            B("Ukiran Sungging Rahayu", "Ahmad Zainuri", 1998, 12, 80, "pcs",
              "Ukir relief, Ukir krawangan, Sungging (pewarnaan)", ("SVLK",), True,
              "Panel relief dan hiasan dinding berukir krawangan."),
            B("Mebel Tahunan Makmur", "Siti Khotijah", 2005, 18, 200, "unit",
              "Konstruksi jati, Finishing duco, Finishing natural", ("SVLK",), False,
              "Lemari, bufet, dan tempat tidur untuk toko mebel di Jawa dan Sumatra."),
            B("Kursi Jati Kalinyamat", "Sutarno", 2009, 10, 300, "unit",
              "Konstruksi jati, Ukir relief", (), False,
              "Kursi tamu dan kursi makan berukir untuk pasar dalam negeri."),
            B("Relief Kayu Lestari", "Sholeh Mahmud", 2012, 8, 60, "pcs",
              "Ukir relief, Ukir tiga dimensi", ("SVLK",), True,
              "Relief pemandangan dan kaligrafi kayu sesuai pesanan."),
            B("Mebel Minimalis Jepara", "Rofiq Hidayat", 2017, 9, 150, "unit",
              "Konstruksi mahoni, Finishing duco", (), False,
              "Mebel minimalis dari mahoni untuk rumah dan kantor."),
        ],
    },
    {
        "slug": "kopi-arabika-gayo",
        "name": "Sentra IKM Kopi Arabika Gayo",
        "commodity": "kopi",
        "tagline": "Kopi arabika dataran tinggi Gayo, dari kebun ke cangkir",
        "story": (
            "Dataran tinggi Gayo di sekitar Takengon dan Danau Laut Tawar adalah salah satu "
            "daerah penghasil kopi arabika terbesar di Indonesia. Kopi ditanam petani di kebun "
            "kecil, banyak yang di bawah pohon pelindung.\n\n"
            "Kopi Arabika Gayo terdaftar sebagai Indikasi Geografis. IKM di sentra ini mengolah "
            "buah kopi menjadi biji hijau, biji sangrai, dan kopi bubuk, dengan proses giling "
            "basah yang umum di Sumatra maupun proses natural dan honey.\n\n"
            "Anggota sentra melayani kedai kopi di dalam negeri, pemanggang, dan pembeli biji "
            "hijau untuk ekspor."
        ),
        "province": "aceh",
        "regency": "Kabupaten Aceh Tengah",
        "guided_by": "Pemerintah Kabupaten Aceh Tengah",
        "accent": "forest",
        "motif": "beans",
        "facilities": [
            ("rumah_produksi", "Ruang sangrai dan penggilingan kopi"),
            ("rumah_kemasan", "Pengemasan kopi sangrai dan bubuk"),
            ("gudang", "Gudang biji kopi hijau"),
        ],
        "board": [("ketua", "Irwansyah Putra"), ("bendahara", "Cut Nurul Hayati")],
        "pengelola": "Fauzan Azima",
        "upt": "Rizki Maulana",
        "businesses": [
            B("Kopi Gayo Lut Tawar", "Fadhil Ramadhan", 2011, 14, 3000, "kg",
              "Giling basah, Sortasi manual, Sangrai medium", ("HALAL", "PIRT"), True,
              "Biji hijau dan biji sangrai dari kebun di sekitar Danau Laut Tawar."),
            B("Kopi Gayo Pegasing", "Zulfikar Ali", 2014, 9, 1500, "kg",
              "Natural, Honey process, Sangrai medium", ("HALAL", "PIRT"), True,
              "Kopi proses natural dan honey untuk kedai kopi spesialti."),
            B("Sangrai Kopi Bebesen", "Rahmah Aini", 2016, 6, 800, "kg",
              "Sangrai medium, Sangrai gelap, Penggilingan", ("HALAL", "PIRT"), False,
              "Kopi sangrai dan bubuk dalam kemasan untuk toko oleh-oleh dan daring."),
            B("Koperasi Produsen Kopi Tanoh Gayo", "Khairul Anwar", 2008, 25, 12000, "kg",
              "Giling basah, Sortasi manual, Pengeringan di para-para", ("ORGANIK", "HALAL"), True,
              "Koperasi petani yang mengumpulkan dan menyortir biji hijau untuk pembeli ekspor."),
            B("Kopi Bubuk Kebayakan", "Yusra Hanum", 2005, 5, 600, "kg",
              "Sangrai gelap, Penggilingan", ("PIRT", "HALAL", "SNI"), False,
              "Kopi bubuk untuk warung kopi dan rumah tangga di Aceh Tengah."),
            B("Kopi Gayo Atu Lintang", "Mahdi Ilyas", 2019, 4, 400, "kg",
              "Natural, Sangrai ringan", ("PIRT",), False,
              "Pemanggang kecil dengan kopi dari satu kebun, dijual dalam kemasan 250 gram."),
        ],
    },
    {
        "slug": "songket-palembang",
        "name": "Sentra IKM Songket Palembang",
        "commodity": "songket",
        "tagline": "Songket benang emas kebanggaan Palembang",
        "story": (
            "Songket adalah kain tenun yang motifnya dibentuk dengan menyisipkan benang emas atau "
            "perak di antara benang lungsin. Di Palembang, songket dikenakan pada pernikahan dan "
            "upacara adat, dan menjadi bagian penting busana pengantin.\n\n"
            "Penenun di sentra ini membuat songket lepus yang hampir seluruh permukaannya tertutup "
            "benang emas, songket tabur, dan songket limar. Selembar kain dapat dikerjakan "
            "berminggu-minggu oleh satu penenun."
        ),
        "province": "sumatera-selatan",
        "regency": "Kota Palembang",
        "village": "Tuan Kentang",
        "guided_by": "Pemerintah Kota Palembang",
        "accent": "plum",
        "motif": "diamonds",
        "facilities": [
            ("showroom", "Ruang pamer songket anggota"),
        ],
        "board": [("ketua", "Kemas Abdul Rasyid")],
        "pengelola": "Nyimas Ratna Juwita",
        "upt": "Ahmad Fikri Hidayat",
        "businesses": [
            B("Songket Bungo Tanjung", "Zuraidah", 1994, 12, 20, "lembar",
              "Songket lepus, Songket tabur, Tenun benang emas", ("HAKI",), True,
              "Songket lepus dan tabur untuk pengantin dan kolektor."),
            B("Songket Limar Sriwijaya", "Masagus Hendra", 2002, 9, 15, "lembar",
              "Songket limar, Ikat pakan, Tenun benang emas", (), False,
              "Songket limar dengan perpaduan ikat dan benang emas."),
            B("Tenun Songket Nyimas", "Rosmala Dewi", 2008, 8, 14, "lembar",
              "Songket tabur, Tenun benang emas", (), False,
              "Songket tabur dan selendang untuk busana pesta."),
            B("Songket Pelangi Musi", "Yulia Fitriani", 2013, 6, 10, "lembar",
              "Songket tabur, Pewarnaan benang sutra", ("HAKI",), True,
              "Songket berwarna cerah dari benang sutra untuk pasar luar negeri."),
            B("Songket Tabur Emas", "Syarifah Aminah", 2017, 5, 8, "lembar",
              "Songket tabur, Tenun benang emas", (), False,
              "Usaha rumahan yang menenun songket tabur sesuai pesanan."),
        ],
    },
    {
        "slug": "rotan-tegalwangi",
        "name": "Sentra IKM Rotan Tegalwangi",
        "commodity": "bambu-rotan",
        "tagline": "Mebel dan kerajinan rotan Cirebon untuk pasar dunia",
        "story": (
            "Desa Tegalwangi di Kecamatan Weru, Kabupaten Cirebon, adalah salah satu pusat mebel "
            "dan kerajinan rotan di Indonesia. Bahan baku rotan didatangkan dari pulau-pulau lain "
            "di Indonesia lalu diolah di bengkel-bengkel desa.\n\n"
            "Perajin membuat kursi, sofa, keranjang, dan kap lampu dari rotan alam maupun rotan "
            "sintetis. Sebagian besar produk dikirim ke pembeli luar negeri, dan pesanan sering "
            "dibagi di antara beberapa bengkel agar bisa memenuhi jumlah besar."
        ),
        "province": "jawa-barat",
        "regency": "Kabupaten Cirebon",
        "district": "Weru",
        "village": "Tegalwangi",
        "guided_by": "Pemerintah Kabupaten Cirebon",
        "accent": "forest",
        "motif": "weave",
        "facilities": [
            ("showroom", "Ruang pamer mebel rotan anggota"),
            ("gudang", "Gudang bahan baku rotan"),
        ],
        "board": [("ketua", "Abdul Rohman"), ("sekretaris", "Iis Sumiati")],
        "pengelola": "Tarmidi",
        "upt": "Ade Kurniawan",
        "businesses": [
            B("Rotan Jaya Tegalwangi", "Nasirin Hidayat", 1993, 40, 1500, "pcs",
              "Anyaman rotan, Rangka rotan, Finishing natural", ("ISO9001", "HAKI"), True,
              "Kursi dan sofa rotan untuk pembeli luar negeri, dikirim per kontainer."),
            B("Mebel Rotan Weru Indah", "Wasiah Nurjanah", 2000, 22, 900, "set",
              "Anyaman rotan, Rangka besi, Rotan sintetis", (), True,
              "Set mebel taman dari rotan sintetis untuk hotel dan restoran."),
            B("Anyaman Rotan Barokah", "Casmiati", 2008, 10, 2500, "pcs",
              "Anyaman rotan, Anyaman pitrit", (), False,
              "Keranjang, nampan, dan kotak penyimpanan dari rotan."),
            B("Kerajinan Rotan Sinar Cirebon", "Dasuki", 2004, 14, 1200, "pcs",
              "Anyaman rotan, Kap lampu, Finishing cat", (), True,
              "Kap lampu dan dekorasi rotan untuk toko perabot."),
            B("Rotan Sintetis Nusantara", "Sopyan Hadi", 2015, 12, 700, "set",
              "Rotan sintetis, Rangka aluminium", (), False,
              "Mebel luar ruang dari rotan sintetis untuk pasar dalam negeri."),
        ],
    },
    {
        "slug": "kulit-magetan",
        "name": "Sentra IKM Kulit Magetan",
        "commodity": "kulit",
        "tagline": "Sepatu, sandal, dan jaket kulit dari kaki Gunung Lawu",
        "story": (
            "Magetan dikenal sebagai daerah penyamakan dan kerajinan kulit. Toko-toko produk "
            "kulit berjajar di Jalan Sawo dan menjadi tujuan belanja pengunjung.\n\n"
            "Perajin di sentra ini membuat sepatu, sandal, jaket, ikat pinggang, tas, dan dompet "
            "dari kulit sapi dan kambing, dijahit dengan tangan maupun mesin. Selain menjual "
            "langsung, banyak anggota menerima pesanan seragam dan produk berlabel pembeli."
        ),
        "province": "jawa-timur",
        "regency": "Kabupaten Magetan",
        "district": "Magetan",
        "address": "Jalan Sawo, Magetan",
        "guided_by": "Pemerintah Kabupaten Magetan",
        "accent": "coffee",
        "motif": "stitches",
        "facilities": [
            ("showroom", "Toko dan ruang pamer produk kulit di Jalan Sawo"),
            ("rumah_produksi", "Bengkel jahit sepatu dan sandal"),
        ],
        "board": [("ketua", "Sunarto Widjaja"), ("bendahara", "Sri Wahyuni")],
        "pengelola": "Didik Kurniawan",
        "upt": "Puji Lestari",
        "businesses": [
            B("Kulit Sawo Jaya", "Suwarno", 1991, 20, 1500, "pcs",
              "Jahit mesin, Pola dan potong manual, Lem (cementing)", ("SNI", "HAKI"), True,
              "Sepatu kulit pria dan sepatu kerja, juga pesanan berlabel pembeli."),
            B("Sepatu Kulit Lawu", "Siti Maisaroh", 2003, 12, 900, "pcs",
              "Jahit tangan, Lem (cementing)", ("SNI",), False,
              "Sepatu pantofel dan sepatu seragam untuk instansi."),
            B("Sandal Kulit Sarangan", "Bambang Irawan", 2009, 8, 2000, "pcs",
              "Pola dan potong manual, Lem (cementing)", (), False,
              "Sandal kulit untuk toko oleh-oleh dan penjualan daring."),
            B("Jaket Kulit Maospati", "Yuli Astutik", 2006, 9, 300, "pcs",
              "Jahit mesin, Pola busana", ("HAKI",), True,
              "Jaket kulit kambing dan domba sesuai ukuran pemesan."),
            B("Tas Kulit Plaosan", "Eko Prasetyo", 2014, 6, 500, "pcs",
              "Jahit tangan, Jahit mesin, Pewarnaan kulit", (), False,
              "Tas, dompet, dan ikat pinggang kulit dengan jahitan tangan."),
        ],
    },
    {
        "slug": "tenun-ikat-troso",
        "name": "Sentra IKM Tenun Ikat Troso",
        "commodity": "tenun",
        "tagline": "Tenun ikat ATBM dari Desa Troso, Jepara",
        "story": (
            "Desa Troso di Kecamatan Pecangaan, Kabupaten Jepara, dikenal sebagai desa tenun. "
            "Suara alat tenun bukan mesin (ATBM) terdengar dari banyak rumah di desa ini.\n\n"
            "Penenun Troso membuat kain tenun ikat: benang diikat dan dicelup sebelum ditenun "
            "sehingga motif muncul dari benangnya sendiri. Kain dijual per meter untuk busana, "
            "juga sebagai sarung, selendang, dan taplak."
        ),
        "province": "jawa-tengah",
        "regency": "Kabupaten Jepara",
        "district": "Pecangaan",
        "village": "Troso",
        "guided_by": "Pemerintah Kabupaten Jepara",
        "accent": "indigo",
        "motif": "diamonds",
        "facilities": [
            ("showroom", "Ruang pamer kain tenun anggota"),
        ],
        "board": [("ketua", "Abdul Kholiq")],
        "pengelola": "Muhammad Syaifudin",
        "upt": "Anik Setyowati",
        "businesses": [
            B("Tenun Troso Sri Rejeki", "Mahmudah", 1996, 25, 2000, "meter",
              "Tenun ikat pakan, ATBM, Pewarnaan sintetis", ("HAKI",), True,
              "Kain tenun ikat per meter untuk butik dan pembeli luar negeri."),
            B("Tenun Ikat Pecangaan", "Umi Kulsum", 2004, 14, 1200, "meter",
              "Tenun ikat pakan, ATBM", (), False,
              "Kain seragam kantor dan sekolah dari tenun ikat."),
            B("ATBM Troso Makmur", "Sholikhin", 2010, 10, 300, "lembar",
              "ATBM, Tenun ikat pakan, Pewarna alam", (), True,
              "Sarung dan selendang tenun ikat berpewarna alam."),
            B("Tenun Kembang Troso", "Nor Khasanah", 2013, 8, 900, "meter",
              "Tenun ikat pakan, ATBM", (), False,
              "Kain tenun motif flora untuk penjahit dan butik."),
            B("Tenun Ikat Sumber Rejeki", "Ali Mahfud", 2018, 6, 150, "lembar",
              "ATBM, Jahit busana", (), False,
              "Kemeja dan taplak dari kain tenun ikat Troso."),
        ],
    },
    {
        "slug": "keripik-tempe-sanan",
        "name": "Sentra IKM Keripik Tempe Sanan",
        "commodity": "keripik",
        "tagline": "Tempe dan keripik tempe khas Kampung Sanan, Malang",
        "story": (
            "Kampung Sanan di Kelurahan Purwantoro, Kecamatan Blimbing, Kota Malang, dikenal "
            "sebagai kampung tempe. Banyak rumah tangga di sini membuat tempe dan mengolahnya "
            "menjadi keripik tempe.\n\n"
            "Tempe diiris tipis, dicelup adonan tepung berbumbu, lalu digoreng. Keripik tempe "
            "Sanan dijual dalam berbagai rasa dan menjadi salah satu oleh-oleh khas Malang."
        ),
        "province": "jawa-timur",
        "regency": "Kota Malang",
        "district": "Blimbing",
        "village": "Purwantoro",
        "address": "Kampung Sanan, Kelurahan Purwantoro, Kecamatan Blimbing, Kota Malang",
        "guided_by": "Pemerintah Kota Malang",
        "accent": "clay",
        "motif": "chips",
        "facilities": [
            ("rumah_kemasan", "Pengemasan keripik dengan mesin sealer"),
            ("showroom", "Toko oleh-oleh keripik tempe anggota"),
        ],
        "board": [("ketua", "Mujiono"), ("sekretaris", "Dwi Rahayu")],
        "pengelola": "Anton Susilo",
        "upt": "Ayu Puspitasari",
        "businesses": [
            B("Keripik Tempe Sanan Jaya", "Sumiati", 1998, 12, 1500, "kg",
              "Tempe tipis buatan sendiri, Adonan tepung berbumbu, Kemasan standing pouch",
              ("PIRT", "HALAL"), False,
              "Keripik tempe rasa original, pedas, dan balado untuk toko oleh-oleh."),
            B("Keripik Tempe Purwantoro", "Mochamad Arifin", 2005, 9, 1000, "kg",
              "Tempe tipis buatan sendiri, Adonan tepung berbumbu", ("PIRT", "HALAL"), False,
              "Keripik tempe kemasan kiloan untuk pedagang."),
            B("Tempe Sanan Lestari", "Lilik Suryani", 2010, 8, 2500, "kg",
              "Tempe kedelai, Tempe tipis", ("PIRT", "HALAL"), False,
              "Tempe tipis untuk pembuat keripik dan tempe segar untuk pasar."),
            B("Keripik Tempe Barokah", "Hadi Purnomo", 2012, 14, 2000, "kg",
              "Adonan tepung berbumbu, Kemasan standing pouch, Kemasan aluminium foil",
              ("BPOM", "HALAL"), True,
              "Keripik tempe berizin edar BPOM untuk jaringan ritel dan pembeli luar negeri."),
            B("Keripik Tempe Bu Sulastri", "Sulastri", 2016, 5, 500, "kg",
              "Tempe tipis buatan sendiri, Adonan tepung berbumbu", ("PIRT",), False,
              "Usaha rumahan dengan keripik tempe rasa daun jeruk."),
        ],
    },
    {
        "slug": "batik-trusmi",
        "name": "Sentra IKM Batik Trusmi",
        "commodity": "batik",
        "tagline": "Batik Cirebonan bermotif megamendung dan wadasan",
        "story": (
            "Desa Trusmi di Kecamatan Plered, Kabupaten Cirebon, adalah pusat batik Cirebonan. "
            "Tradisi membatik di desa ini dikaitkan dengan Ki Buyut Trusmi, tokoh yang dihormati "
            "warga setempat.\n\n"
            "Batik Trusmi dikenal dengan motif megamendung yang berbentuk awan berlapis dan motif "
            "wadasan yang menggambarkan batu karang, dengan warna pesisiran yang cerah. Ruang "
            "pamer batik berjajar di sepanjang jalan Trusmi."
        ),
        "province": "jawa-barat",
        "regency": "Kabupaten Cirebon",
        "district": "Plered",
        "village": "Trusmi Kulon",
        "guided_by": "Pemerintah Kabupaten Cirebon",
        "accent": "navy",
        "motif": "megamendung",
        "facilities": [
            ("showroom", "Ruang pamer batik di sepanjang jalan Trusmi"),
        ],
        "board": [("ketua", "Sukarta"), ("bendahara", "Ety Rohaeti")],
        "pengelola": "Kartiwa",
        "upt": "Rosita Dewi",
        "businesses": [
            B("Batik Kembang Trusmi", "Masriah", 1993, 20, 500, "lembar",
              "Batik tulis, Batik cap, Motif megamendung", ("BATIKMARK", "HAKI"), True,
              "Batik tulis megamendung dengan gradasi warna berlapis."),
            B("Batik Wadasan Kulon", "Nurkholis", 2001, 11, 300, "lembar",
              "Batik tulis, Motif wadasan", ("BATIKMARK",), False,
              "Batik tulis bermotif wadasan dan taman untuk kolektor."),
            B("Batik Pesisiran Cirebon", "Sumirah", 2007, 15, 600, "lembar",
              "Batik cap, Batik kombinasi", (), False,
              "Batik cap untuk seragam instansi dan sekolah."),
            B("Batik Mega Sari", "Wardi Setiawan", 2012, 8, 250, "lembar",
              "Batik tulis, Pewarna alam", ("BATIKMARK",), True,
              "Batik tulis berpewarna alam untuk butik di Jakarta dan luar negeri."),
            B("Batik Sekar Jagad Trusmi", "Elis Nurhayati", 2018, 6, 200, "lembar",
              "Batik cap, Jahit busana", (), False,
              "Busana batik siap pakai dengan motif Cirebonan."),
        ],
    },
    {
        "slug": "perak-celuk",
        "name": "Sentra IKM Kerajinan Perak Celuk",
        "commodity": "logam-perak",
        "tagline": "Perhiasan perak dan emas buatan tangan dari Celuk, Gianyar",
        "story": (
            "Desa Celuk di Kecamatan Sukawati, Kabupaten Gianyar, dikenal sebagai desa perajin "
            "perak dan emas. Bengkel dan ruang pamer berjajar di jalan yang dilalui wisatawan "
            "dari Denpasar menuju Ubud.\n\n"
            "Perajin Celuk mengerjakan perhiasan dengan teknik granulasi, filigri, dan ukir, dengan "
            "motif yang diambil dari ornamen Bali. Banyak bengkel juga membuat perhiasan sesuai "
            "desain pembeli luar negeri."
        ),
        "province": "bali",
        "regency": "Kabupaten Gianyar",
        "district": "Sukawati",
        "village": "Celuk",
        "guided_by": "Pemerintah Kabupaten Gianyar",
        "accent": "teal",
        "motif": "filigree",
        "facilities": [
            ("showroom", "Ruang pamer perhiasan anggota di jalan utama Celuk"),
        ],
        "board": [("ketua", "I Made Sudiarta"), ("sekretaris", "Ni Luh Putu Sriani")],
        "pengelola": "I Gede Astawa",
        "upt": "Ni Kadek Yuliantari",
        "businesses": [
            B("Perak Celuk Sari", "I Wayan Sudarsana", 1990, 18, 1200, "pcs",
              "Granulasi, Filigri, Ukir", ("HAKI",), True,
              "Perhiasan perak bermotif ornamen Bali untuk pembeli luar negeri."),
            B("Perak Patra Mas", "Ni Made Ariani", 2002, 10, 700, "pcs",
              "Granulasi, Penyepuhan emas", (), True,
              "Perhiasan perak bersepuh emas sesuai desain pemesan."),
            B("Jepun Silver Celuk", "I Nyoman Budiarta", 2009, 7, 500, "pcs",
              "Filigri, Cor perak", (), False,
              "Anting dan liontin bermotif bunga jepun untuk toko di Bali."),
            B("Perak Granulasi Sukawati", "I Ketut Suarjana", 2015, 5, 300, "pcs",
              "Granulasi, Kelas membuat perhiasan", (), False,
              "Bengkel kecil dengan kelas membuat cincin perak untuk wisatawan."),
        ],
    },
]

# The fixed accounts the README and the demo mention; all use the demo password.
DEMO_PASSWORD = "sentra-demo"  # noqa: S105 - published on purpose for the demo site
DEMO_ACCOUNTS = [
    {"email": "admin@example.com", "display_name": "Admin Sentra Nusantara",
     "is_admin": True, "is_moderator": True},
    {"email": "kurator@example.com", "display_name": "Dewi Kartika Sari", "is_curator": True},
    {"email": "ekspor@example.com", "display_name": "Linnea Berg", "kind": "buyer",
     "buyer_type": "export", "company_name": "Nordic Craft Import AB", "country": "SE",
     "locale": "en"},
    {"email": "industri@example.com", "display_name": "Hendro Wicaksono", "kind": "buyer",
     "buyer_type": "industry", "company_name": "PT Mebel Nusantara Ekspor", "country": "ID",
     "locale": "id"},
]
