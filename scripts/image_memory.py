"""Peak memory of a worker making the admin thumbnail of a big image, to choose WAGTAILIMAGES_MAX_IMAGE_PIXELS.

    .venv/bin/python scripts/image_memory.py                 # 40 MP and 121 MP, JPEG and PNG
    .venv/bin/python scripts/image_memory.py --sizes 8000x5000 --formats JPEG

Each measure runs in a fresh process: the image is drawn and written to a temporary folder by one process, then
another makes Wagtail's admin thumbnail (``max-165x165``, as the image listing does) through Wagtail's own
``Filter.run`` and reports how much its resident memory grew (ru_maxrss, after Django and Wagtail are loaded).
Nothing touches the database or the site's media.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = ["8000x5000", "13500x9000"]  # 40 MP, 121.5 MP (the 121 MP photo)
DEFAULT_FORMATS = ["JPEG", "PNG"]


def draw(path, width, height, fmt):
    """A photo-like picture (gradients and noise compress like a photo, not like a flat colour)."""
    from PIL import Image

    tile = Image.effect_noise((512, 512), 40).convert("RGB")
    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    for x in range(0, width, 2048):
        for y in range(0, height, 2048):
            picture.paste(tile, (x, y))
    picture.save(path, fmt, quality=85) if fmt == "JPEG" else picture.save(path, fmt)


def thumbnail(path):
    """Make the admin thumbnail in this process; print the growth of the peak resident memory in MB."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cai_site.settings.test")
    sys.path.insert(0, str(BASE_DIR))
    import io

    import django

    django.setup()
    from django.core.files import File
    from PIL import Image as PillowImage
    from wagtail.images.models import Filter, Image

    PillowImage.MAX_IMAGE_PIXELS = None  # measure the work itself, not Pillow's guard
    with open(path, "rb") as source:
        image = Image(title="mesure", file=File(source, name=Path(path).name), width=1, height=1, collection_id=1)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        Filter("max-165x165").run(image, io.BytesIO())
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) / 1024)  # ru_maxrss is in KB on Linux


def measure(width, height, fmt, folder):
    path = Path(folder, f"image-{width}x{height}.{fmt.lower()}")
    subprocess.run([sys.executable, __file__, "--draw", str(path), f"{width}x{height}", fmt], check=True)
    result = subprocess.run(
        [sys.executable, __file__, "--thumbnail", str(path)], check=True, capture_output=True, text=True, cwd=BASE_DIR
    )
    return path.stat().st_size, float(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--formats", nargs="+", default=DEFAULT_FORMATS)
    parser.add_argument("--draw", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--thumbnail", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.draw:
        path, size, fmt = args.draw
        draw(path, *map(int, size.split("x")), fmt)
        return
    if args.thumbnail:
        thumbnail(args.thumbnail)
        return
    with tempfile.TemporaryDirectory(prefix="image-memory-") as folder:
        for size in args.sizes:
            width, height = map(int, size.split("x"))
            for fmt in args.formats:
                file_size, peak = measure(width, height, fmt, folder)
                print(
                    f"{width}×{height} ({width * height / 1e6:.1f} MP) {fmt}, {file_size / 1e6:.1f} MB on disk: "
                    f"the thumbnail raises the worker's peak memory by {peak:.0f} MB"
                )


if __name__ == "__main__":
    main()
