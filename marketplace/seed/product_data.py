"""Demo product lines for each sentra commodity: realistic titles, prices, HS codes and texts.

Each line is a template: `{v}` in the titles takes one of its variants (a motif, a size, a
roast...), so the businesses of one sentra offer different pieces of the same craft. Prices are
typical 2024 workshop prices; HS codes are real headings of the tariff book (BTKI).
"""

from typing import NamedTuple


class Line(NamedTuple):
    """One kind of product a sentra makes."""

    title: str
    title_en: str
    category: str
    description: str
    description_en: str
    materials: str
    unit: str
    price_idr: int
    price_usd: str
    hs_code: str
    size: str | None
    weight_grams: int | None
    moq: int
    lead_time_days: int
    variants: tuple
    shape: str  # how the demo picture draws it: cloth, pot, jewel, chair, basket, bag, pack
    certifications: tuple = ()
    volume: bool = False  # made in volume: offered to supply-chain buyers


TAPIS_MOTIFS = ("Pucuk Rebung", "Kapal", "Siger", "Bunga Cempaka", "Tumpal", "Sasab", "Jung Sarat",
                "Cucuk Andak")
SONGKET_MOTIFS = ("Lepus Berakam", "Bungo Cino", "Nago Besaung", "Limar", "Tretes Mender",
                  "Bungo Pacik", "Jando Berhias")
BATIK_MOTIFS = ("Parang Rusak", "Kawung", "Sidomukti", "Truntum", "Sekar Jagad", "Megamendung",
                "Wadasan", "Sogan Klasik", "Liris", "Ceplok")
TENUN_MOTIFS = ("Ikat Lurik", "Ikat Bali", "Ikat Sumba", "Kembang Kopi", "Garis Pelangi", "Ceplok Troso")
POTTERY_STYLES = ("Terakota", "Glasir Biru", "Motif Kawung", "Natural", "Putih Gading", "Gerabah Hitam")
SILVER_STYLES = ("Filigri", "Granulasi", "Ukir Bali", "Bunga Jepun", "Kawung", "Daun Sirih")
WOOD_STYLES = ("Jati Natural", "Ukir Relung", "Minimalis", "Klasik Jepara", "Salak Brown", "Duco Putih")
RATTAN_STYLES = ("Natural", "Honey Brown", "Whitewash", "Anyaman Jala", "Anyaman Kepang", "Sintetis Abu")
LEATHER_STYLES = ("Coklat Tan", "Hitam", "Cognac", "Coklat Tua", "Natural Vegtan")
COFFEE_GRADES = ("Grade 1", "Honey Process", "Natural Process", "Wine Process", "Full Wash", "Peaberry")
CHIPS_FLAVOURS = ("Original", "Pedas Manis", "Balado", "Daun Jeruk", "Keju", "Rumput Laut")

LINES = {
    "tapis": [
        Line("Kain Tapis Motif {v}", "Tapis Ceremonial Cloth, {v} Motif", "tapis",
             "Kain tapis tenun tangan dengan sulaman benang emas teknik cucuk. Motif {v} dikerjakan "
             "sekitar dua bulan oleh penyulam di Kemiling.\n\n- Kain dasar katun tenun sendiri\n"
             "- Benang emas sintetis yang tidak kusam\n- Dilengkapi kartu keterangan motif",
             "Hand-woven tapis with couched gold-thread embroidery. The {v} motif takes about two "
             "months of needlework.\n\n- Hand-woven cotton ground\n- Non-tarnishing gold thread\n"
             "- Comes with a card explaining the motif",
             "Katun tenun, benang emas", "lembar", 3_500_000, "240.00", "5810.92", "200 x 60 cm", 900,
             2, 60, TAPIS_MOTIFS, "cloth", ("HAKI",)),
        Line("Selendang Tapis {v}", "Tapis Shawl, {v} Motif", "tapis",
             "Selendang tapis ringan untuk acara resmi dan hadiah. Sulaman motif {v} di kedua ujung.",
             "A light tapis shawl for formal wear and gifts, embroidered with the {v} motif at both ends.",
             "Katun, benang emas", "lembar", 850_000, "58.00", "6214.90", "180 x 45 cm", 250,
             5, 30, TAPIS_MOTIFS, "cloth"),
        Line("Tas Tapis Motif {v}", "Tapis Handbag, {v} Motif", "fesyen-aksesori",
             "Tas tangan berlapis kain tapis motif {v}, bagian dalam berlapis kain katun dan saku "
             "ritsleting.",
             "A handbag faced with tapis cloth in the {v} motif, cotton lining and a zipped pocket.",
             "Kain tapis, kulit sintetis, katun", "pcs", 450_000, "32.00", "4202.22", "30 x 22 x 10 cm",
             450, 20, 21, TAPIS_MOTIFS, "bag", (), True),
        Line("Hiasan Dinding Tapis {v}", "Tapis Wall Hanging, {v} Motif", "tapis",
             "Hiasan dinding tapis berbingkai kayu, cocok untuk hotel dan kantor.",
             "A framed tapis wall hanging for hotels and offices.",
             "Kain tapis, bingkai kayu", "pcs", 1_200_000, "85.00", "6304.99", "60 x 40 cm", 1500,
             5, 30, TAPIS_MOTIFS, "cloth"),
    ],
    "songket": [
        Line("Kain Songket {v}", "Palembang Songket, {v} Motif", "songket",
             "Songket Palembang ditenun dengan alat tenun gedogan. Motif {v} memakai benang emas "
             "yang rapat sehingga kain terasa berat dan berkilau.",
             "Palembang songket woven on a traditional loom; the {v} motif uses dense gold "
             "supplementary weft for a heavy, lustrous cloth.",
             "Benang sutra, benang emas", "lembar", 4_500_000, "310.00", "5007.20", "200 x 90 cm", 1100,
             1, 45, SONGKET_MOTIFS, "cloth", ("HAKI",)),
        Line("Selendang Songket {v}", "Songket Shawl, {v} Motif", "songket",
             "Selendang songket untuk pelengkap busana adat dan seragam acara.",
             "A songket shawl to complete ceremonial dress and event uniforms.",
             "Benang katun, benang emas", "lembar", 1_250_000, "86.00", "6214.90", "180 x 50 cm", 300,
             5, 30, SONGKET_MOTIFS, "cloth"),
        Line("Songket Sutra Motif {v}", "Silk Songket, {v} Motif", "songket",
             "Songket sutra dengan pewarna alam, dibuat berdasarkan pesanan.",
             "Silk songket with natural dyes, made to order.",
             "Sutra, benang emas, pewarna alam", "lembar", 8_000_000, "550.00", "5007.20", "200 x 90 cm",
             1000, 1, 75, SONGKET_MOTIFS, "cloth"),
    ],
    "batik": [
        Line("Batik Tulis Motif {v}", "Hand-drawn Batik Tulis, {v}", "batik",
             "Batik tulis pada katun primissima, dibatik dengan canting dan diwarnai berulang. Motif "
             "{v} dikerjakan tiga sampai empat minggu.\n\nSetiap lembar bertanda Batikmark.",
             "Batik tulis on primissima cotton, drawn with a canting and dyed several times. The {v} "
             "pattern takes three to four weeks.\n\nEvery cloth carries the Batikmark label.",
             "Katun primissima, lilin malam, pewarna", "lembar", 950_000, "65.00", "5208.52",
             "250 x 110 cm", 500, 5, 30, BATIK_MOTIFS, "cloth", ("BATIKMARK", "SNI")),
        Line("Batik Cap {v}", "Stamped Batik Cap, {v}", "batik",
             "Batik cap dengan warna rapi untuk seragam kantor dan sekolah. Bisa pesan warna.",
             "Stamped batik cap in even colours for office and school uniforms; colours on request.",
             "Katun prima", "meter", 85_000, "6.50", "5208.52", "lebar 115 cm", 150,
             100, 21, BATIK_MOTIFS, "cloth", ("SNI",), True),
        Line("Kemeja Batik {v}", "Batik Shirt, {v}", "fesyen-aksesori",
             "Kemeja batik lengan panjang dengan furing, ukuran S sampai XXL.",
             "A lined long-sleeved batik shirt, sizes S to XXL.",
             "Katun batik, furing", "pcs", 325_000, "24.00", "6205.20", "S-XXL", 350,
             30, 21, BATIK_MOTIFS, "cloth", (), True),
        Line("Syal Batik Sutra {v}", "Silk Batik Scarf, {v}", "batik",
             "Syal sutra dengan batik tulis halus, dikemas dalam kotak kado.",
             "A silk scarf with fine hand-drawn batik, in a gift box.",
             "Sutra", "pcs", 450_000, "34.00", "6214.10", "180 x 50 cm", 90,
             10, 21, BATIK_MOTIFS, "cloth"),
    ],
    "tenun": [
        Line("Kain Tenun Troso {v}", "Troso Woven Cloth, {v}", "tenun",
             "Kain tenun ikat ATBM dari Troso, motif {v}. Cocok untuk busana dan interior.",
             "Hand-loomed ikat from Troso in the {v} pattern, for fashion and interiors.",
             "Benang katun", "meter", 120_000, "9.00", "5209.42", "lebar 110 cm", 200,
             100, 21, TENUN_MOTIFS, "cloth", ("SNI",), True),
        Line("Taplak Meja Tenun {v}", "Woven Table Runner, {v}", "tenun",
             "Taplak meja tenun ikat dengan rumbai, bisa dicuci mesin.",
             "A woven ikat table runner with tassels, machine washable.",
             "Benang katun", "pcs", 95_000, "7.50", "6302.51", "180 x 35 cm", 220,
             50, 14, TENUN_MOTIFS, "cloth", (), True),
        Line("Sarung Tenun Ikat {v}", "Ikat Sarong, {v}", "tenun",
             "Sarung tenun ikat untuk pria, warna tidak luntur.",
             "A men's ikat sarong in colourfast dyes.",
             "Benang katun, rayon", "lembar", 275_000, "20.00", "5209.42", "200 x 110 cm", 450,
             20, 21, TENUN_MOTIFS, "cloth"),
        Line("Sarung Bantal Tenun {v}", "Woven Cushion Cover, {v}", "tenun",
             "Sarung bantal tenun dengan ritsleting tersembunyi.",
             "A woven cushion cover with a hidden zip.",
             "Benang katun", "pcs", 65_000, "5.00", "6304.92", "45 x 45 cm", 150,
             100, 14, TENUN_MOTIFS, "cloth", (), True),
    ],
    "gerabah-keramik": [
        Line("Guci Gerabah {v}", "Earthenware Jar, {v}", "gerabah-keramik",
             "Guci gerabah dibentuk dengan putaran dan dibakar pada suhu tinggi. Finishing {v}.",
             "A wheel-thrown earthenware jar, high-fired, {v} finish.",
             "Tanah liat lokal", "pcs", 275_000, "19.00", "6913.90", "tinggi 60 cm", 6000,
             20, 30, POTTERY_STYLES, "pot", (), True),
        Line("Pot Tanaman {v}", "Planter Pot, {v}", "gerabah-keramik",
             "Pot tanaman gerabah dengan lubang air, tersedia tiga ukuran.",
             "An earthenware planter with a drainage hole, in three sizes.",
             "Tanah liat", "pcs", 45_000, "3.20", "6912.00", "diameter 30 cm", 2500,
             200, 21, POTTERY_STYLES, "pot", (), True),
        Line("Set Piring Keramik {v}", "Stoneware Plate Set, {v}", "gerabah-keramik",
             "Set enam piring keramik food safe, aman untuk mesin cuci piring.",
             "A set of six food-safe stoneware plates, dishwasher safe.",
             "Tanah liat stoneware, glasir bebas timbal", "set", 320_000, "22.00", "6912.00",
             "diameter 26 cm", 3600, 50, 30, POTTERY_STYLES, "pot", ("SNI",), True),
        Line("Vas Bunga {v}", "Flower Vase, {v}", "gerabah-keramik",
             "Vas bunga gerabah untuk dekorasi hotel, kafe, dan rumah.",
             "An earthenware vase for hotels, cafes and homes.",
             "Tanah liat", "pcs", 85_000, "6.00", "6913.90", "tinggi 35 cm", 1800,
             100, 21, POTTERY_STYLES, "pot"),
    ],
    "logam-perak": [
        Line("Cincin Perak {v}", "Sterling Silver Ring, {v}", "logam-perak",
             "Cincin perak 925 buatan tangan dengan teknik {v}. Ukuran bisa disesuaikan.",
             "A handmade 925 sterling silver ring in {v} work; sizes on request.",
             "Perak 925", "pcs", 350_000, "24.00", "7113.11", "ukuran 6-10", 6,
             30, 14, SILVER_STYLES, "jewel", ("HAKI",)),
        Line("Anting Perak {v}", "Silver Earrings, {v}", "logam-perak",
             "Anting perak 925 motif {v}, kait hipoalergenik.",
             "925 silver earrings, {v} design, hypoallergenic hooks.",
             "Perak 925", "pcs", 275_000, "19.00", "7113.11", "panjang 3 cm", 5,
             50, 14, SILVER_STYLES, "jewel", (), True),
        Line("Liontin Perak {v}", "Silver Pendant, {v}", "logam-perak",
             "Liontin perak dengan rantai 45 cm, dikemas dalam kotak beludru.",
             "A silver pendant on a 45 cm chain, in a velvet box.",
             "Perak 925", "pcs", 425_000, "29.00", "7113.11", "3 x 2 cm", 8,
             30, 14, SILVER_STYLES, "jewel"),
        Line("Gelang Perak {v}", "Silver Bracelet, {v}", "logam-perak",
             "Gelang perak rantai dengan ornamen {v}.",
             "A silver chain bracelet with {v} ornaments.",
             "Perak 925", "pcs", 650_000, "45.00", "7113.11", "panjang 19 cm", 18,
             20, 21, SILVER_STYLES, "jewel"),
    ],
    "furnitur": [
        Line("Kursi Makan Jati {v}", "Teak Dining Chair, {v}", "furnitur",
             "Kursi makan kayu jati TPK bersertifikat SVLK, sambungan pasak dan finishing {v}.",
             "An SVLK-certified teak dining chair with pegged joints and a {v} finish.",
             "Kayu jati", "pcs", 1_450_000, "98.00", "9401.61", "45 x 50 x 95 cm", 9000,
             40, 45, WOOD_STYLES, "chair", ("SVLK",), True),
        Line("Meja Makan Jati {v}", "Teak Dining Table, {v}", "furnitur",
             "Meja makan enam kursi dari jati solid, finishing {v}, bisa knock-down untuk ekspor.",
             "A six-seat solid teak dining table, {v} finish, knock-down for export.",
             "Kayu jati", "unit", 6_500_000, "440.00", "9403.60", "180 x 90 x 76 cm", 45000,
             10, 60, WOOD_STYLES, "chair", ("SVLK",), True),
        Line("Panel Ukir Jepara {v}", "Jepara Carved Panel, {v}", "kayu",
             "Panel ukir relief khas Jepara untuk dinding dan pintu.",
             "A Jepara relief-carved panel for walls and doors.",
             "Kayu jati", "pcs", 2_750_000, "185.00", "4420.19", "120 x 60 cm", 12000,
             5, 45, WOOD_STYLES, "chair", ("SVLK",)),
        Line("Bufet Jati {v}", "Teak Sideboard, {v}", "furnitur",
             "Bufet jati tiga pintu dengan laci, finishing {v}.",
             "A three-door teak sideboard with drawers, {v} finish.",
             "Kayu jati", "unit", 5_200_000, "350.00", "9403.60", "160 x 45 x 85 cm", 60000,
             5, 60, WOOD_STYLES, "chair", ("SVLK",)),
    ],
    "bambu-rotan": [
        Line("Kursi Rotan {v}", "Rattan Armchair, {v}", "furnitur",
             "Kursi rotan anyaman tangan dengan rangka rotan manau, finishing {v}.",
             "A hand-woven rattan armchair on a manau cane frame, {v} finish.",
             "Rotan manau, rotan fitrit", "pcs", 850_000, "58.00", "9401.52", "65 x 70 x 80 cm", 7000,
             50, 30, RATTAN_STYLES, "chair", ("SVLK",), True),
        Line("Keranjang Rotan {v}", "Rattan Storage Basket, {v}", "anyaman",
             "Keranjang rotan serbaguna dengan tutup, set tiga ukuran.",
             "A lidded rattan storage basket, set of three sizes.",
             "Rotan", "set", 275_000, "19.00", "4602.12", "30/35/40 cm", 2500,
             100, 21, RATTAN_STYLES, "basket", (), True),
        Line("Set Sofa Rotan {v}", "Rattan Sofa Set, {v}", "furnitur",
             "Set sofa rotan 3-1-1 dengan meja, bantal kain outdoor.",
             "A 3-1-1 rattan sofa set with table and outdoor fabric cushions.",
             "Rotan, kain outdoor", "set", 7_500_000, "510.00", "9401.52", "sofa 190 cm", 65000,
             5, 45, RATTAN_STYLES, "chair", ("SVLK",), True),
        Line("Kap Lampu Rotan {v}", "Rattan Lamp Shade, {v}", "anyaman",
             "Kap lampu gantung anyaman rotan untuk kafe dan hotel.",
             "A woven rattan pendant shade for cafes and hotels.",
             "Rotan", "pcs", 185_000, "13.00", "4602.12", "diameter 45 cm", 900,
             100, 21, RATTAN_STYLES, "basket", (), True),
    ],
    "kulit": [
        Line("Tas Kulit Sapi {v}", "Cowhide Leather Bag, {v}", "kulit",
             "Tas kulit sapi asli dijahit tangan, warna {v}.",
             "A hand-stitched genuine cowhide bag in {v}.",
             "Kulit sapi", "pcs", 650_000, "45.00", "4202.21", "35 x 28 x 12 cm", 900,
             20, 21, LEATHER_STYLES, "bag", ("SNI",), True),
        Line("Sepatu Kulit Pria {v}", "Men's Leather Shoes, {v}", "fesyen-aksesori",
             "Sepatu kulit pantofel pria, sol karet, ukuran 38-45, warna {v}.",
             "Men's leather oxford shoes with rubber soles, sizes 38-45, in {v}.",
             "Kulit sapi, sol karet", "pcs", 425_000, "30.00", "6403.99", "38-45", 900,
             50, 21, LEATHER_STYLES, "bag", ("SNI",), True),
        Line("Dompet Kulit {v}", "Leather Wallet, {v}", "kulit",
             "Dompet kulit lipat dengan delapan slot kartu, warna {v}.",
             "A bifold leather wallet with eight card slots, in {v}.",
             "Kulit sapi", "pcs", 165_000, "12.00", "4202.31", "11 x 9 cm", 90,
             100, 14, LEATHER_STYLES, "bag", (), True),
        Line("Jaket Kulit Domba {v}", "Lambskin Jacket, {v}", "fesyen-aksesori",
             "Jaket kulit domba dengan furing, dibuat sesuai ukuran.",
             "A lined lambskin jacket, made to measure.",
             "Kulit domba", "pcs", 1_350_000, "92.00", "4203.10", "S-XXL", 1200,
             10, 30, LEATHER_STYLES, "bag"),
    ],
    "kopi": [
        Line("Kopi Arabika Gayo Green Bean {v}", "Gayo Arabica Green Beans, {v}", "kopi",
             "Biji kopi hijau arabika Gayo dari ketinggian 1.400 mdpl, proses {v}, kadar air 12%.",
             "Gayo arabica green beans grown at 1,400 m, {v}, 12% moisture.",
             "Kopi arabika", "kg", 135_000, "9.50", "0901.11", "karung 60 kg", 1000,
             300, 30, COFFEE_GRADES, "pack", ("ORGANIK",), True),
        Line("Kopi Gayo Sangrai {v}", "Roasted Gayo Coffee, {v}", "kopi",
             "Kopi arabika Gayo sangrai medium, kemasan valve 250 gram.",
             "Medium-roasted Gayo arabica in 250 g valve bags.",
             "Kopi arabika", "pcs", 85_000, "6.50", "0901.21", "250 g", 250,
             100, 14, COFFEE_GRADES, "pack", ("HALAL", "PIRT"), True),
        Line("Kopi Bubuk Gayo {v}", "Ground Gayo Coffee, {v}", "kopi",
             "Kopi bubuk arabika Gayo giling sedang untuk tubruk dan filter.",
             "Medium-ground Gayo arabica for filter and tubruk.",
             "Kopi arabika", "pcs", 65_000, "5.00", "0901.21", "200 g", 200,
             200, 14, COFFEE_GRADES, "pack", ("HALAL", "PIRT"), True),
    ],
    "keripik": [
        Line("Keripik Tempe {v}", "Tempeh Chips, {v}", "keripik",
             "Keripik tempe tipis dari kedelai pilihan, digoreng renyah, rasa {v}.",
             "Thin, crisp tempeh chips from selected soybeans, {v} flavour.",
             "Kedelai, tepung beras, bumbu", "kg", 90_000, "7.00", "2106.90", "kemasan 1 kg", 1000,
             50, 7, CHIPS_FLAVOURS, "pack", ("HALAL", "PIRT"), True),
        Line("Keripik Tempe Kemasan 200 g {v}", "Tempeh Chips 200 g Pack, {v}", "keripik",
             "Keripik tempe kemasan standing pouch 200 gram untuk toko oleh-oleh.",
             "Tempeh chips in 200 g stand-up pouches for gift shops.",
             "Kedelai, tepung beras, bumbu", "pcs", 22_000, "1.80", "2106.90", "200 g", 200,
             200, 7, CHIPS_FLAVOURS, "pack", ("HALAL", "PIRT"), True),
        Line("Tempe Sanan Frozen {v}", "Frozen Tempeh, {v}", "olahan-pangan",
             "Tempe segar beku dalam kemasan vakum untuk restoran dan katering.",
             "Fresh tempeh, vacuum packed and frozen, for restaurants and caterers.",
             "Kedelai, ragi tempe", "kg", 28_000, "2.20", "2106.90", "kemasan 500 g", 500,
             100, 3, CHIPS_FLAVOURS, "pack", ("HALAL", "PIRT"), True),
    ],
}

PORTS = {
    "lampung": "Panjang, Bandar Lampung", "jawa-tengah": "Tanjung Emas, Semarang",
    "di-yogyakarta": "Tanjung Emas, Semarang", "jawa-barat": "Tanjung Priok, Jakarta",
    "aceh": "Belawan, Medan", "sumatera-selatan": "Boom Baru, Palembang",
    "jawa-timur": "Tanjung Perak, Surabaya", "bali": "Benoa, Bali",
}

# Notes the demo curator wrote, by stars.
CURATOR_NOTES = {
    5: "Produk unggulan yang sangat kuat: bahan baku hampir seluruhnya lokal, desain asli sentra, "
       "dan kapasitas cukup untuk pesanan besar. Kemasan sudah layak ekspor.",
    4: "Kualitas pengerjaan tinggi dan desain berakar pada motif setempat. Perlu perbaikan kemasan "
       "dan pencatatan kapasitas agar siap untuk pembeli besar.",
    3: "Produk khas yang menjanjikan. Bahan baku sebagian masih didatangkan dari luar daerah; "
       "kemasan dan konsistensi warna perlu ditingkatkan.",
}
