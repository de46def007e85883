"""XML that any stored text can go into: the feed, the sitemap and every XML answer to come (OAI-PMH).

XML 1.0 cannot hold most control characters (a ``\\x0b`` pasted from Word),
lone surrogates or U+FFFE/U+FFFF; Django's feed writer raises on them and a
template writes a document no reader accepts. ``xml_safe()`` drops exactly
those characters, and ``XmlSafeGenerator`` applies it to every text and
attribute it writes, so an XML surface built on it cannot fail on content.
"""

import re

from django.utils.xmlutils import SimplerXMLGenerator

# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text):
    """``text`` without the characters XML 1.0 cannot hold (None stays None)."""
    return text if text is None else NOT_XML.sub("", str(text))


class XmlSafeGenerator(SimplerXMLGenerator):
    def characters(self, content):
        super().characters(xml_safe(content))

    def startElement(self, name, attrs):
        super().startElement(name, {key: xml_safe(value) for key, value in (attrs or {}).items()})
