"""Detector vocabulary of Indonesian, Malay, Vietnamese, Polish, Romanian, Albanian, Swahili,
Amharic, and of Spanish, Portuguese, French and Italian beyond Europe (issue 14).

Per language, hand-written sentences (our own, not from the labelled corpora, which measure),
in this order: a block, a list of two services, a slowdown, an unblock and a regional shutdown
(partial) that must alert; a threat, a denial, a blocked road, a platform blocking accounts
and an outage named in the title ("title || body") that must not. Amharic: a list of two with
no country named (Amharic news is Ethiopian), a block, a slowdown, an unblock, a region; a
"may be cut", a negative verb, a "has remained closed" (background), a closed road, a denial
and an outage. Last, one point of each language's grammar or press usage: the owner named
after a service ("WhatsApp milik Facebook"), ţ/ş with a cedilla, a negative participle
("niezablokowany"), a negative verb ("haijazima"), a country as a feminine subject
("አግዳለች"), an order with its date reported in the future ("sẽ bị chặn"), "données mobiles",
a pluperfect ("ishte bllokuar"), "sospensione", a border blocked, a restoration. No native
speaker checked these sentences; they follow the grammar notes in each vocabulary file.

Expected alerts: "COUNTRY service action" (and "partial" for a regional one), "; " between
several, "" for none.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts, assert_table_shape

CASES: dict[str, list[tuple[str, str]]] = {
    "id": [  # Indonesian
        ("Kominfo resmi memblokir Telegram di Indonesia mulai hari ini.", "ID telegram block"),
        (
            "Pemerintah Indonesia membatasi akses ke WhatsApp dan Instagram setelah kerusuhan.",
            "ID instagram block; ID whatsapp block",
        ),
        (
            "Kecepatan akses YouTube di Indonesia diperlambat oleh operator atas perintah Kominfo.",
            "ID youtube throttle",
        ),
        (
            "Kominfo membuka blokir TikTok setelah platform itu memenuhi syarat.",
            "ID tiktok unblock",
        ),
        (
            "Akses internet seluler diputus di Provinsi Papua selama demonstrasi.",
            "ID internet block partial",
        ),
        ("Kominfo mengancam akan memblokir Telegram jika konten pornografi tidak dihapus.", ""),
        ("Kominfo membantah kabar bahwa pemerintah akan memblokir WhatsApp.", ""),
        ("Warga memblokir jalan menuju kantor bupati, videonya viral di TikTok.", ""),
        ("Facebook memblokir ratusan akun palsu di Indonesia.", ""),
        (
            "WhatsApp Down, Pengguna di Indonesia Tidak Bisa Mengirim Pesan || "
            "Pengguna di Indonesia tidak bisa mengakses WhatsApp sejak pagi.",
            "",
        ),
        ("Pemerintah Indonesia memblokir WhatsApp milik Facebook.", "ID whatsapp block"),
    ],
    "ms": [  # Malay
        ("SKMM menyekat akses kepada Telegram di seluruh Malaysia.", "MY telegram block"),
        ("Kerajaan Malaysia mengharamkan TikTok dan WeChat.", "MY tiktok block; MY wechat block"),
        ("Pengguna melaporkan YouTube diperlahankan di Malaysia.", "MY youtube throttle"),
        ("SKMM menarik balik sekatan terhadap Telegram di Malaysia.", "MY telegram unblock"),
        ("Internet mudah alih disekat di negeri Sabah.", "MY internet block partial"),
        ("SKMM bercadang menyekat Telegram jika platform itu enggan mematuhi undang-undang.", ""),
        ("SKMM menafikan dakwaan bahawa pihaknya menyekat TikTok.", ""),
        ("Polis membuat sekatan jalan raya di Kuala Lumpur, menurut hantaran di Facebook.", ""),
        ("Facebook menyekat akaun yang menyebarkan berita palsu di Malaysia.", ""),
        (
            "WhatsApp tergendala di seluruh dunia || "
            "Pengguna di Malaysia tidak dapat mengakses WhatsApp.",
            "",
        ),
        ("Polis menyekat jalan raya ke sempadan Thailand, video tular di TikTok.", ""),
    ],
    "vi": [  # Vietnamese
        (
            "Bộ Thông tin và Truyền thông yêu cầu các nhà mạng chặn Telegram tại Việt Nam.",
            "VN telegram block",
        ),
        (
            "Chính quyền Myanmar chặn Facebook và Instagram sau cuộc đảo chính.",
            "MM facebook block; MM instagram block",
        ),
        ("Nhà mạng Nga làm chậm YouTube theo lệnh của chính phủ.", "RU youtube throttle"),
        ("Nepal dỡ bỏ lệnh cấm TikTok sau chín tháng.", "NP tiktok unblock"),
        ("Mạng internet di động bị cắt ở tỉnh Rakhine của Myanmar.", "MM internet block partial"),
        ("Việt Nam có thể chặn TikTok nếu nền tảng này không tuân thủ pháp luật.", ""),
        ("Bộ Thông tin và Truyền thông bác bỏ thông tin chặn Facebook.", ""),
        ("Người dân chặn đường phản đối dự án, video được chia sẻ trên TikTok.", ""),
        ("YouTube chặn hàng trăm kênh tuyên truyền của Nga.", ""),
        (
            "Facebook gặp sự cố, người dùng không thể truy cập || "
            "Người dùng tại Việt Nam không thể truy cập Facebook từ sáng nay.",
            "",
        ),
        ("Ứng dụng Telegram sẽ bị chặn tại Việt Nam từ ngày 1/6.", "VN telegram block"),
    ],
    "pl": [  # Polish
        ("Rosja zablokowała dostęp do WhatsAppa.", "RU whatsapp block"),
        (
            "Władze Iranu zablokowały Instagram i WhatsAppa.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Rosyjski regulator spowolnił działanie YouTube'a w Rosji.", "RU youtube throttle"),
        ("Nepal zniósł zakaz korzystania z TikToka.", "NP tiktok unblock"),
        ("W regionie Amhara w Etiopii wyłączono mobilny internet.", "ET internet block partial"),
        ("Rząd Rosji może zablokować Telegram, jeśli platforma nie usunie treści.", ""),
        ("Ministerstwo Cyfryzacji zaprzecza, że planuje zablokować Telegram w Polsce.", ""),
        ("Rolnicy zablokowali drogi w całej Polsce, a nagrania trafiły na TikToka.", ""),
        ("Facebook zablokował konta rosyjskich mediów państwowych.", ""),
        (
            "Awaria WhatsAppa na całym świecie || "
            "Użytkownicy w Polsce nie mogą wysyłać wiadomości przez WhatsAppa od rana.",
            "",
        ),
        ("Telegram pozostaje niezablokowany w Rosji.", ""),
    ],
    "ro": [  # Romanian
        ("Autoritățile ruse au blocat accesul la WhatsApp în Rusia.", "RU whatsapp block"),
        (
            "Guvernul din Nepal a interzis Facebook și YouTube.",
            "NP facebook block; NP youtube block",
        ),
        ("Rusia a încetinit YouTube pe teritoriul său.", "RU youtube throttle"),
        ("Albania a ridicat interdicția asupra TikTok după un an.", "AL tiktok unblock"),
        (
            "Internetul mobil a fost întrerupt în regiunea Tigray din Etiopia.",
            "ET internet block partial",
        ),
        ("Rusia ar putea bloca Telegram în următoarele săptămâni.", ""),
        ("Ministerul a dezmințit informațiile privind blocarea TikTok în România.", ""),
        ("Fermierii au blocat drumul spre București, iar imaginile au ajuns pe Facebook.", ""),
        ("Meta a blocat conturile de Facebook ale unor politicieni din Moldova.", ""),
        (
            "WhatsApp a căzut în toată lumea || "
            "Utilizatorii din România nu mai pot accesa WhatsApp de dimineață.",
            "",
        ),
        ("Autorităţile din Iran au restricţionat accesul la Instagram.", "IR instagram block"),
    ],
    "sq": [  # Albanian
        ("Qeveria e Shqipërisë bllokoi TikTok për një vit.", "AL tiktok block"),
        (
            "Autoritetet në Iran kanë bllokuar Instagram dhe WhatsApp.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Rusia ngadalësoi YouTube në të gjithë vendin.", "RU youtube throttle"),
        ("TikTok u zhbllokua në Shqipëri pas një viti.", "AL tiktok unblock"),
        (
            "Interneti celular u ndërpre në rajonin e Tigrait në Etiopi.",
            "ET internet block partial",
        ),
        ("Qeveria mund të bllokojë TikTok nëse platforma nuk bashkëpunon.", ""),
        ("Ministri mohoi se qeveria do të bllokojë Facebook.", ""),
        ("Protestuesit bllokuan rrugën drejt Tiranës dhe transmetuan live në Facebook.", ""),
        ("Facebook bllokoi llogaritë e disa politikanëve shqiptarë.", ""),
        (
            "Defekt global te WhatsApp || "
            "Përdoruesit në Shqipëri nuk kanë akses në WhatsApp që nga mëngjesi.",
            "",
        ),
        ("TikTok ishte bllokuar në Shqipëri që nga marsi.", ""),
    ],
    "sw": [  # Swahili
        ("Serikali ya Tanzania imezuia Telegram nchini.", "TZ telegram block"),
        (
            "Mamlaka nchini Uganda zimezima Facebook na WhatsApp kabla ya uchaguzi.",
            "UG facebook block; UG whatsapp block",
        ),
        ("Kasi ya intaneti imepunguzwa nchini Kenya wakati wa maandamano.", "KE internet throttle"),
        (
            "Huduma za intaneti zimerejeshwa nchini Uganda baada ya siku tano.",
            "UG internet unblock",
        ),
        ("Intaneti imezimwa katika mkoa wa Tigray nchini Ethiopia.", "ET internet block partial"),
        ("Huenda serikali ikazima intaneti wakati wa uchaguzi nchini Tanzania.", ""),
        ("Serikali ya Kenya imekanusha taarifa kwamba imezuia WhatsApp.", ""),
        ("Polisi wamefunga barabara kuu ya Nairobi, picha zikasambaa kwenye Facebook.", ""),
        ("Facebook imezuia akaunti za wanasiasa wa Uganda.", ""),
        (
            "Hitilafu za kiufundi zakumba WhatsApp duniani || "
            "Watumiaji nchini Kenya hawawezi kutumia WhatsApp.",
            "",
        ),
        ("Serikali ya Uganda haijazima intaneti.", ""),
    ],
    "am": [  # Amharic
        ("መንግስት ፌስቡክን እና ቴሌግራምን አግዷል።", "ET facebook block; ET telegram block"),
        ("በኢትዮጵያ የሞባይል ኢንተርኔት አገልግሎት ተቋርጧል።", "ET internet block"),
        ("በኢትዮጵያ የኢንተርኔት ፍጥነት ቀንሷል።", "ET internet throttle"),
        ("የኢንተርኔት አገልግሎት በመላ ሀገሪቱ ተመልሷል።", "ET internet unblock"),
        ("በአማራ ክልል የኢንተርኔት አገልግሎት ተቋርጧል።", "ET internet block partial"),
        ("የኢንተርኔት አገልግሎት ሊቋረጥ ይችላል።", ""),
        ("ቲክቶክ በኢትዮጵያ አልታገደም።", ""),
        ("ኢንተርኔት ለሁለት ሳምንታት ተዘግቶ ቆይቷል።", ""),
        ("በአዲስ አበባ ዋና መንገድ ተዘግቷል፤ ቪዲዮው በቲክቶክ ተሰራጭቷል።", ""),
        ("ኢትዮ ቴሌኮም ኢንተርኔት ተቋርጧል የሚለውን ወሬ አስተባበለ።", ""),
        ("የፌስቡክ የቴክኒክ ብልሽት || ፌስቡክ በዓለም ዙሪያ አይሰራም።", ""),
        ("ሩሲያ ዩቲዩብን አግዳለች።", "RU youtube block"),
    ],
    "es": [  # Spanish
        ("Venezuela bloqueó el acceso a TikTok tras las protestas.", "VE tiktok block"),
        (
            "CANTV interrumpió el acceso a Twitter e Instagram.",
            "VE instagram block; VE twitter block",
        ),
        (
            "Usuarios en Cuba reportan intermitencias y lentitud en WhatsApp.",
            "CU whatsapp throttle",
        ),
        ("La justicia brasileña levantó el bloqueo de Telegram en Brasil.", "BR telegram unblock"),
        (
            "Cortaron el internet móvil en la provincia de Santiago de Cuba.",
            "CU internet block partial",
        ),
        ("El gobierno de Nicaragua podría bloquear Telegram si no elimina los canales.", ""),
        ("El ministro desmintió que Venezuela vaya a bloquear WhatsApp.", ""),
        (
            "Manifestantes bloquearon la carretera en Bolivia y transmitieron en vivo por "
            "Facebook.",
            "",
        ),
        ("El bloqueo de Estados Unidos impide a los cubanos usar Zoom.", ""),
        (
            "Caída mundial de WhatsApp || "
            "Usuarios en México no pueden enviar mensajes por WhatsApp.",
            "",
        ),
        ("Manifestantes bloquean la frontera con Chile y piden en TikTok apoyo.", ""),
    ],
    "pt": [  # Portuguese
        ("Justiça determina o bloqueio do Telegram no Brasil.", "BR telegram block"),
        (
            "Moçambique cortou o acesso ao Facebook e ao WhatsApp durante os protestos.",
            "MZ facebook block; MZ whatsapp block",
        ),
        ("Usuários relatam lentidão no YouTube na Rússia.", "RU youtube throttle"),
        ("Tribunal derruba decisão que suspendia o Telegram em Angola.", "AO telegram unblock"),
        (
            "Internet móvel é cortada na província de Cabo Delgado, em Moçambique.",
            "MZ internet block partial",
        ),
        ("O governo de Angola pode bloquear o Telegram se a empresa não cumprir a decisão.", ""),
        ("A Anatel negou que vá bloquear o TikTok no Brasil.", ""),
        ("Caminhoneiros bloquearam a rodovia e transmitiram ao vivo pelo Facebook.", ""),
        ("O YouTube removeu canais e bloqueou contas de influenciadores no Brasil.", ""),
        (
            "Instabilidade no WhatsApp afeta usuários no Brasil || "
            "Usuários no Brasil não conseguem enviar mensagens pelo WhatsApp.",
            "",
        ),
        ("O governo de Moçambique restabeleceu o acesso à internet móvel.", "MZ internet unblock"),
    ],
    "fr": [  # French
        ("Le Sénégal coupe l'accès à TikTok.", "SN tiktok block"),
        (
            "Les autorités guinéennes ont restreint l'accès à Facebook et WhatsApp.",
            "GN facebook block; GN whatsapp block",
        ),
        ("Au Cameroun, le débit de YouTube est fortement réduit.", "CM youtube throttle"),
        ("Le Tchad a rétabli l'accès à WhatsApp.", "TD whatsapp unblock"),
        (
            "Coupure d'internet dans la région de l'Extrême-Nord au Cameroun.",
            "CM internet block partial",
        ),
        ("Le gouvernement malien menace de suspendre TikTok en cas de nouvelles violences.", ""),
        ("Le ministre dément toute coupure d'internet au Gabon.", ""),
        (
            "Des agriculteurs ont bloqué l'autoroute au Burkina, les images ont circulé sur "
            "Facebook.",
            "",
        ),
        ("TikTok a supprimé des comptes et bloqué des vidéos au Sénégal.", ""),
        (
            "Panne mondiale de WhatsApp et Instagram || "
            "Au Sénégal, WhatsApp et Instagram étaient inaccessibles ce matin.",
            "",
        ),
        ("Les données mobiles ont été coupées au Gabon.", "GA internet block"),
    ],
    "it": [  # Italian
        ("La Russia ha bloccato WhatsApp.", "RU whatsapp block"),
        (
            "Il governo del Nepal ha vietato Facebook e YouTube.",
            "NP facebook block; NP youtube block",
        ),
        ("La Russia rallenta YouTube.", "RU youtube throttle"),
        ("L'Albania revoca la sospensione di TikTok.", "AL tiktok unblock"),
        (
            "Interruzione di internet nella regione del Tigray, in Etiopia.",
            "ET internet block partial",
        ),
        ("Il governo russo potrebbe bloccare Telegram.", ""),
        ("Il ministero smentisce il blocco di TikTok in Albania.", ""),
        ("I manifestanti hanno bloccato l'autostrada in Senegal, video su TikTok.", ""),
        ("Facebook ha bloccato gli account di alcuni politici nigeriani.", ""),
        (
            "WhatsApp down in tutto il mondo || In Italia WhatsApp è inaccessibile da stamattina.",
            "",
        ),
        ("Il Brasile ordina la sospensione di Telegram.", "BR telegram block"),
    ],
}
FLAT = [(lang, text, expected) for lang, cases in CASES.items() for text, expected in cases]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), FLAT, ids=[f"{lang}-{text[:30]}" for lang, text, _ in FLAT]
)
def test_sentence(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected


@pytest.mark.parametrize("lang", sorted(CASES))
def test_every_language_has_positives_and_traps(lang: str) -> None:
    assert_table_shape(CASES[lang])
