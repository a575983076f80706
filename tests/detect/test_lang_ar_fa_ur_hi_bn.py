"""Arabic, Persian, Urdu, Hindi and Bengali vocabulary on sentences of our own.

Per language: blocks, a list of two services, a slowdown, an unblock, a regional shutdown,
and the traps (threat, denial, background, a road or strike, a platform closing accounts, an
outage). The sentences were written for this test, not copied from the labelled corpora,
which measure the vocabulary (bench/score.py --lang) and are not test data.
"""

from __future__ import annotations

import pytest

from bot.core.models import ItemText
from bot.detect import Detector

DETECTOR = Detector.load()
Key = tuple[str, str, str]


def detect(lang: str, title: str, summary: str) -> set[Key]:
    item = ItemText("t", title, summary, lang)
    return {(a.country, a.service, a.action) for a in DETECTOR.detect(item)}


# (language, title, summary, expected alerts)
CASES: list[tuple[str, str, str, set[Key]]] = [
    # Arabic: verbal nouns, passives, clitics glued on (بإبطاء, وإنستغرام, لخدمة)
    ("ar", "", "حجبت السلطات العراقية تطبيق تيليغرام لأسباب أمنية.", {("IQ", "telegram", "block")}),
    (
        "ar",
        "",
        "قررت الحكومة الجزائرية حظر فيسبوك وإنستغرام خلال امتحانات البكالوريا.",
        {("DZ", "facebook", "block"), ("DZ", "instagram", "block")},
    ),
    ("ar", "", "تم قطع خدمة الإنترنت في ولاية الخرطوم السودانية.", {("SD", "internet", "block")}),
    ("ar", "", "أبطأت السلطات الإيرانية منصة يوتيوب.", {("IR", "youtube", "throttle")}),
    (
        "ar",
        "",
        "أعلنت هيئة الاتصالات والفضاء والتقنية رفع الحظر عن مكالمات واتساب.",
        {("SA", "whatsapp", "unblock")},
    ),
    (
        "ar",
        "",
        "أعلنت وزارة الاتصالات السورية إعادة خدمة الإنترنت بعد قطعها خلال الامتحانات.",
        {("SY", "internet", "unblock")},
    ),
    (
        "ar",
        "",
        "فرضت السلطات السودانية حظر التجول في الخرطوم وقطعت خدمة الإنترنت.",
        {("SD", "internet", "block")},
    ),
    ("ar", "", "تدرس الحكومة المصرية حجب تطبيق تيك توك.", set()),
    ("ar", "", "نفت هيئة الإعلام والاتصالات العراقية وجود أي نية لحجب تيليغرام.", set()),
    ("ar", "", "لا يزال تطبيق سكايب محجوبا في الإمارات منذ سنوات.", set()),
    ("ar", "", "قطع المحتجون الطرق السريعة في بغداد وبثوا احتجاجهم على فيسبوك.", set()),
    ("ar", "", "حجبت شركة ميتا مئات الحسابات على فيسبوك في مصر.", set()),
    (
        "ar",
        "عطل عالمي يضرب واتساب",
        "عودة خدمات واتساب للعمل في السعودية بعد ساعات من التوقف.",
        set(),
    ),
    # Persian: verb last, negation and background after the verb
    ("fa", "", "تلگرام در ایران فیلتر شد.", {("IR", "telegram", "block")}),
    (
        "fa",
        "",
        "دسترسی به واتساپ و اینستاگرام در ایران مسدود شد.",
        {("IR", "whatsapp", "block"), ("IR", "instagram", "block")},
    ),
    (
        "fa",
        "",
        "واتساپ و گوگل پلی رفع فیلتر شدند.",
        {("IR", "whatsapp", "unblock"), ("IR", "google", "unblock")},
    ),
    ("fa", "", "اینترنت همراه در استان سیستان و بلوچستان قطع شد.", {("IR", "internet", "block")}),
    ("fa", "", "سرعت اینترنت در ایران به شدت کاهش یافت.", {("IR", "internet", "throttle")}),
    (
        "fa",
        "",
        "طالبان اینترنت فیبر نوری را در ولایت بلخ قطع کردند.",
        {("AF", "internet", "block")},
    ),
    ("fa", "", "احتمال فیلتر شدن واتساپ در ایران وجود دارد.", set()),
    ("fa", "", "وزیر ارتباطات فیلتر شدن اینستاگرام را تکذیب کرد.", set()),
    ("fa", "", "تلگرام همچنان در ایران فیلتر است.", set()),
    ("fa", "", "اینستاگرام در ایران فیلتر نشد.", set()),
    ("fa", "", "تلگرام کانال‌های غیراخلاقی را مسدود کرد.", set()),
    ("fa", "", "حساب بانکی این فرد مسدود شد و خبر آن در تلگرام منتشر شد.", set()),
    # Urdu: light verbs ("بلاک کر دیا", "پابندی ہٹانے"), the past perfect as background
    ("ur", "", "پی ٹی اے نے ملک بھر میں ٹک ٹاک بلاک کر دیا۔", {("PK", "tiktok", "block")}),
    (
        "ur",
        "",
        "حکومت پاکستان نے ایکس اور یوٹیوب پر پابندی عائد کر دی۔",
        {("PK", "twitter", "block"), ("PK", "youtube", "block")},
    ),
    ("ur", "", "بلوچستان میں موبائل انٹرنیٹ سروس معطل کر دی گئی۔", {("PK", "internet", "block")}),
    ("ur", "", "پی ٹی اے نے ایکس کی سروس بحال کر دی۔", {("PK", "twitter", "unblock")}),
    (
        "ur",
        "",
        "سندھ ہائی کورٹ نے ٹک ٹاک پر عائد پابندی ہٹانے کا حکم دیا۔",
        {("PK", "tiktok", "unblock")},
    ),
    ("ur", "", "پاکستان میں انٹرنیٹ کی رفتار سست کر دی گئی۔", {("PK", "internet", "throttle")}),
    ("ur", "", "حکومت پاکستان ٹک ٹاک پر پابندی لگانے پر غور کر رہی ہے۔", set()),
    ("ur", "", "پی ٹی اے نے واٹس ایپ بند کرنے کی خبروں کی تردید کر دی۔", set()),
    ("ur", "", "یاد رہے کہ پی ٹی اے نے ٹک ٹاک پر پابندی عائد کی تھی۔", set()),
    ("ur", "", "حکومت پاکستان نے واضح کیا کہ انٹرنیٹ سروس بند نہیں کی جائے گی۔", set()),
    ("ur", "", "مظاہرین نے اسلام آباد میں سڑکیں بند کر دیں اور فیس بک پر ویڈیوز شیئر کیں۔", set()),
    ("ur", "", "فیس بک نے پاکستان میں سینکڑوں اکاؤنٹس بند کر دیے۔", set()),
    (
        "ur",
        "واٹس ایپ کی سروس تکنیکی خرابی کے باعث متاثر",
        "پاکستان میں واٹس ایپ کی سروس چند گھنٹوں بعد بحال ہو گئی۔",
        set(),
    ),
    # Hindi: compound verbs; "बंद" only with its light verb ("बाद", after, folds the same)
    ("hi", "", "केंद्र सरकार ने टिकटॉक को ब्लॉक कर दिया है।", {("IN", "tiktok", "block")}),
    (
        "hi",
        "",
        "भारत सरकार ने व्हाट्सएप और टेलीग्राम पर प्रतिबंध लगा दिया।",
        {("IN", "whatsapp", "block"), ("IN", "telegram", "block")},
    ),
    ("hi", "", "मणिपुर में मोबाइल इंटरनेट सेवाएं बंद कर दी गईं।", {("IN", "internet", "block")}),
    ("hi", "", "जम्मू कश्मीर में 4जी इंटरनेट सेवा बहाल कर दी गई है।", {("IN", "internet", "unblock")}),
    ("hi", "", "केंद्र सरकार ने टिकटॉक से प्रतिबंध हटा लिया।", {("IN", "tiktok", "unblock")}),
    ("hi", "", "राजस्थान में इंटरनेट की स्पीड कम कर दी गई।", {("IN", "internet", "throttle")}),
    ("hi", "", "भारत सरकार टिकटॉक पर बैन लगाने की तैयारी कर रही है।", set()),
    ("hi", "", "भारत में पुलिस ने इंटरनेट बंद करने के फर्जी आदेश का खंडन किया।", set()),
    ("hi", "", "भारत सरकार ने 2020 में टिकटॉक पर प्रतिबंध लगाया था।", set()),
    ("hi", "", "भारत बंद के दौरान किसानों ने सड़कें जाम कीं और फेसबुक पर लाइव किया।", set()),
    ("hi", "", "ट्विटर ने भारत में सैकड़ों अकाउंट्स ब्लॉक कर दिए।", set()),
    ("hi", "", "चुनाव के बाद इंटरनेट पर वायरल हुए वीडियो से भारत में हड़कंप मच गया।", set()),
    (
        "hi",
        "तकनीकी खराबी से व्हाट्सएप डाउन",
        "भारत में व्हाट्सएप की सेवा दो घंटे बाद बहाल हो गई।",
        set(),
    ),
    # Bengali: case endings glued on ("ফেসবুকে", "টিকটকের"), negation after the verb
    ("bn", "", "বিটিআরসি সারাদেশে ফেসবুক বন্ধ করে দিয়েছে।", {("BD", "facebook", "block")}),
    (
        "bn",
        "",
        "বাংলাদেশে ফেসবুক ও টেলিগ্রাম বন্ধ করা হয়েছে।",
        {("BD", "facebook", "block"), ("BD", "telegram", "block")},
    ),
    (
        "bn",
        "",
        "বাংলাদেশের পার্বত্য চট্টগ্রামে মোবাইল ইন্টারনেট বন্ধ রাখা হয়েছে।",
        {("BD", "internet", "block")},
    ),
    (
        "bn",
        "",
        "বিটিআরসির নির্দেশে দেশজুড়ে মোবাইল ইন্টারনেট আবার চালু হয়েছে।",
        {("BD", "internet", "unblock")},
    ),
    (
        "bn",
        "",
        "ভারত সরকার টিকটকের ওপর থেকে নিষেধাজ্ঞা তুলে নিয়েছে।",
        {("IN", "tiktok", "unblock")},
    ),
    ("bn", "", "বাংলাদেশে ইন্টারনেটের গতি কমিয়ে দেওয়া হয়েছে।", {("BD", "internet", "throttle")}),
    ("bn", "", "বাংলাদেশে টিকটক বন্ধ করার পরিকল্পনা করছে সরকার।", set()),
    ("bn", "", "বিটিআরসি ইন্টারনেট বন্ধের খবর অস্বীকার করেছে।", set()),
    ("bn", "", "বাংলাদেশে আর কখনো ইন্টারনেট বন্ধ হবে না।", set()),
    ("bn", "", "বিক্ষোভকারীরা ঢাকায় সড়ক অবরোধ করে ফেসবুকে লাইভ করেছে।", set()),
    ("bn", "", "ফেসবুক বাংলাদেশে কয়েকশ অ্যাকাউন্ট বন্ধ করে দিয়েছে।", set()),
    ("bn", "", "বাংলাদেশে ফেসবুক বন্ধুর সঙ্গে দেখা করতে গিয়ে এক তরুণ নিখোঁজ।", set()),
    (
        "bn",
        "সাবমেরিন ক্যাবল কাটা পড়ায় ইন্টারনেট বিভ্রাট",
        "বাংলাদেশে ইন্টারনেট সেবা আবার স্বাভাবিক হয়েছে।",
        set(),
    ),
]


@pytest.mark.parametrize(("lang", "title", "summary", "expected"), CASES)
def test_sentence(lang: str, title: str, summary: str, expected: set[Key]) -> None:
    assert detect(lang, title, summary) == expected


# Vowel signs stay inside words (bot/detect/patterns.py): dropped, they folded CLDR names into
# common words — Hindi "पेरू" (Peru) into "पर" (on), Bengali "চিলি" (Chile) into "চালু"
# (switched on) — and the nearest place to the action word became Peru or Chile.
FOLDING: list[tuple[str, str, set[Key]]] = [
    ("hi", "नेपाल सरकार ने टिकटॉक पर प्रतिबंध लगा दिया।", {("NP", "tiktok", "block")}),
    ("bn", "বাংলাদেশে মোবাইল ইন্টারনেট আবার চালু হয়েছে।", {("BD", "internet", "unblock")}),
]


@pytest.mark.parametrize(("lang", "summary", "expected"), FOLDING)
def test_vowel_signs_keep_words_apart_from_country_names(
    lang: str, summary: str, expected: set[Key]
) -> None:
    assert detect(lang, "", summary) == expected
