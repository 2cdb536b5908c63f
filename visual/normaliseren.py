"""How typed names are compared: case, accents and punctuation do not matter."""

import unicodedata


def normaliseer(value):
    text = unicodedata.normalize("NFKD", str(value or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    for char in "-_/:,.()'’":
        text = text.replace(char, " ")
    return " ".join(text.split())
