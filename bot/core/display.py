"""Display names for countries, services and actions, as subscribers read them. Pure.

Detection has its own multilingual vocabulary (bot/detect/vocab/); this module only turns the ids
that
detection produces into short English words for alerts. Unknown ids fall back to themselves, so
a new country or service still renders, just less prettily.
"""

from __future__ import annotations

from bot.core.models import Action

# The region first (where our subscribers are), then the countries whose blocks they hear of.
COUNTRY_NAMES: dict[str, str] = {
    "TM": "Turkmenistan",
    "RU": "Russia",
    "UZ": "Uzbekistan",
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "TJ": "Tajikistan",
    "AZ": "Azerbaijan",
    "BY": "Belarus",
    "UA": "Ukraine",
    "IR": "Iran",
    "TR": "Turkey",
    "CN": "China",
    "GE": "Georgia",
    "AM": "Armenia",
    "MD": "Moldova",
    "AF": "Afghanistan",
    "PK": "Pakistan",
    "IN": "India",
    "MN": "Mongolia",
    "IQ": "Iraq",
    "SY": "Syria",
    "SA": "Saudi Arabia",
    "AE": "United Arab Emirates",
    "EG": "Egypt",
    "ET": "Ethiopia",
    "MM": "Myanmar",
    "VN": "Vietnam",
    "KP": "North Korea",
    "CU": "Cuba",
    "VE": "Venezuela",
    "US": "United States",
    "GB": "United Kingdom",
    "DE": "Germany",
    "FR": "France",
}

SERVICE_NAMES: dict[str, str] = {
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "imo": "IMO",
    "viber": "Viber",
    "facebook": "Facebook",
    "messenger": "Messenger",
    "instagram": "Instagram",
    "twitter": "X (Twitter)",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "skype": "Skype",
    "wechat": "WeChat",
    "vkontakte": "VKontakte",
    "odnoklassniki": "Odnoklassniki",
    "signal": "Signal",
    "discord": "Discord",
    "google": "Google",
    "linkedin": "LinkedIn",
    "snapchat": "Snapchat",
    "facetime": "FaceTime",
    "zoom": "Zoom",
    "vpn": "VPN services",
    "internet": "Internet access",
    "other": "Other services",
}

ACTION_WORDS: dict[Action, str] = {
    "block": "blocked",
    "throttle": "throttled",
    "unblock": "unblocked",
}

# Regional indicator symbol letter A; a flag is two of them, one per letter of the ISO code.
_REGIONAL_A = 0x1F1E6


def country_name(code: str) -> str:
    """English short name of an ISO 3166-1 alpha-2 code; the code itself when unknown."""
    return COUNTRY_NAMES.get(code.upper(), code.upper())


def service_name(service: str) -> str:
    """Display name of a service id; the id itself when unknown."""
    return SERVICE_NAMES.get(service.lower(), service)


def action_word(action: Action) -> str:
    """The action as a past participle: "blocked", "throttled", "unblocked"."""
    return ACTION_WORDS[action]


def flag(code: str) -> str:
    """Flag emoji of a two-letter country code, or "" for anything else (no broken glyphs)."""
    code = code.upper()
    if len(code) != 2 or not all("A" <= letter <= "Z" for letter in code):
        return ""
    return "".join(chr(_REGIONAL_A + ord(letter) - ord("A")) for letter in code)


def headline(country: str, service: str, action: Action) -> str:
    """ "Turkmenistan: IMO blocked": the one line every channel leads with (no flag)."""
    return f"{country_name(country)}: {service_name(service)} {action_word(action)}"
