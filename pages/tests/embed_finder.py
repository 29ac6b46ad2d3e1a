"""A local oEmbed finder for the tests (``WAGTAILEMBEDS_FINDERS`` in cai_site/settings/test.py): tests never call
YouTube or Vimeo. It answers their video addresses as the providers do, with a player on their usual host (the video
block moves YouTube's to www.youtube-nocookie.com), and refuses any other address, as Wagtail's oEmbed finder does.
"""

import re
from urllib.parse import parse_qs, urlsplit

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}
VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def video_of(url):
    """(provider, video id) of a YouTube or Vimeo address, else (None, None)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "youtu.be":
        video_id = parts.path.strip("/")
    elif host in YOUTUBE_HOSTS:
        video_id = parse_qs(parts.query).get("v", [""])[0]
    elif host in VIMEO_HOSTS:
        video_id = parts.path.strip("/")
    else:
        return None, None
    if not VIDEO_ID.match(video_id):
        return None, None
    return ("YouTube" if host in YOUTUBE_HOSTS else "Vimeo"), video_id


class LocalVideoFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return video_of(url)[0] is not None

    def find_embed(self, url, max_width=None, max_height=None):
        provider, video_id = video_of(url)
        if provider is None:
            raise EmbedNotFoundException
        if provider == "YouTube":
            src = f"https://www.youtube.com/embed/{video_id}?feature=oembed"
            extra = 'frameborder="0" allow="autoplay; encrypted-media" referrerpolicy="strict-origin-when-cross-origin"'
        else:
            src = f"https://player.vimeo.com/video/{video_id}?app_id=122963"
            extra = 'frameborder="0" allow="autoplay; fullscreen; picture-in-picture"'
        return {
            "title": f"Vidéo d'essai {video_id}",
            "author_name": "Chaîne d'essai",
            "provider_name": provider,
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": f'<iframe width="640" height="360" src="{src}" {extra} allowfullscreen '
            f'title="Vidéo d\'essai {video_id}"></iframe>',
        }


embed_finder_class = LocalVideoFinder
