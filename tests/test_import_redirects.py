"""Old addresses: ``import_redirects`` loads checked, permanent redirects from a CSV file, and every seeded redirect
answers one 301 to a live page."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect

from seed import content

HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"


def write_csv(tmp_path, text, name="redirections.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(path, *options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_redirects", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_refused(path, *options):
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_redirects", str(path), *options, stdout=io.StringIO(), stderr=err)
    return str(refused.value), err.getvalue()


GOOD = (
    "ancienne_adresse;nouvelle_adresse\n"
    "/ancien-site/qui-sommes-nous.html;/presentation/qui-sommes-nous/\n"
    "/ancien-site/histoire/;/presentation/qui-sommes-nous/histoire-du-centre\n"
    "/ancien-site/partenaire;https://www.example.org/partenaire/\n"
)


@pytest.mark.django_db
def test_import_creates_permanent_redirects_to_pages_and_links(tmp_path, page_at):
    out, err = run(write_csv(tmp_path, GOOD))
    assert "Redirections : 3 créées, 0 mise à jour, 0 inchangée, 0 refusée." in out
    assert err == ""
    to_page = Redirect.objects.get(old_path="/ancien-site/histoire")
    assert to_page.redirect_page_id == page_at(HISTORY).pk
    assert to_page.is_permanent and to_page.site is None
    assert Redirect.objects.get(old_path="/ancien-site/qui-sommes-nous.html").redirect_page.title == (
        "Qui sommes-nous ?"
    )
    assert Redirect.objects.get(old_path="/ancien-site/partenaire").redirect_link == (
        "https://www.example.org/partenaire/"
    )


@pytest.mark.django_db
def test_imported_redirects_answer_301_to_the_page(client, tmp_path):
    run(write_csv(tmp_path, GOOD))
    response = client.get("/ancien-site/histoire/")
    assert response.status_code == 301
    assert response["Location"] == HISTORY
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_same_file_twice_changes_nothing(tmp_path):
    path = write_csv(tmp_path, GOOD)
    run(path)
    count = Redirect.objects.count()
    out, _ = run(path)
    assert "Redirections : 0 créée, 0 mise à jour, 3 inchangées, 0 refusée." in out
    assert Redirect.objects.count() == count


@pytest.mark.django_db
def test_a_changed_target_updates_the_redirect(tmp_path, page_at):
    run(write_csv(tmp_path, GOOD))
    out, _ = run(write_csv(tmp_path, "ancienne_adresse,nouvelle_adresse\n/ancien-site/partenaire/,/contact/\n"))
    assert "1 mise à jour" in out
    redirect = Redirect.objects.get(old_path="/ancien-site/partenaire")
    assert redirect.redirect_page_id == page_at("/contact/").pk and redirect.redirect_link == ""


@pytest.mark.django_db
def test_comma_separated_file_with_a_bom_from_a_spreadsheet(tmp_path):
    text = "\ufeffAncienne_adresse,Nouvelle_adresse\r\n/vieux/contact.php,/contact/\r\n\r\n"
    out, _ = run(write_csv(tmp_path, text))
    assert "1 créée" in out
    assert Redirect.objects.filter(old_path="/vieux/contact.php").exists()


@pytest.mark.django_db
def test_dry_run_counts_without_saving(tmp_path):
    out, _ = run(write_csv(tmp_path, GOOD), "--dry-run")
    assert "Simulation (--dry-run), rien n'a été enregistré. Redirections : 3 créées" in out
    assert not Redirect.objects.filter(old_path__startswith="/ancien-site/").exists()


BAD = (
    "ancienne_adresse;nouvelle_adresse\n"
    "/bon/;/contact/\n"  # line 2: good
    ";/contact/\n"  # 3: empty old address
    "ancien/sans/barre;/contact/\n"  # 4: not a path
    "/meme/;/meme\n"  # 5: same as target
    "/vers-rien/;/cette-page-n-existe-pas/\n"  # 6: target not found
    "/boucle-a/;/boucle-b/\n"  # 7: loop with line 8
    "/boucle-b/;/boucle-a/\n"  # 8
    "/chaine/;/bon/\n"  # 9: a chain through line 2
    "/contact/;/presentation/\n"  # 10: a live page's own address
    "/vide/;\n"  # 11: empty new address
    "/bon;/presentation/\n"  # 12: same old address as line 2
)


@pytest.mark.django_db
def test_every_bad_row_is_named_with_its_line_and_nothing_is_imported(tmp_path):
    message, err = run_refused(write_csv(tmp_path, BAD))
    assert "10 lignes refusées sur 11 : rien n'a été importé" in message
    lines = err.splitlines()
    assert lines == [
        "ligne 3 : l'ancienne adresse est vide.",
        "ligne 4 : « ancien/sans/barre » n'est pas un chemin : l'ancienne adresse doit commencer par « / ».",
        "ligne 5 : l'ancienne et la nouvelle adresse sont identiques.",
        "ligne 6 : aucune page publiée ne se trouve à l'adresse « /cette-page-n-existe-pas/ ».",
        "ligne 7 : boucle : « /boucle-b/ » redirige vers « /boucle-a/ » (ligne 8). "
        "Indiquez l'adresse de la page de destination.",
        "ligne 8 : boucle : « /boucle-a/ » redirige vers « /boucle-b/ » (ligne 7). "
        "Indiquez l'adresse de la page de destination.",
        "ligne 9 : « /bon/ » est elle-même redirigée (ligne 2) : indiquez directement la destination finale, "
        "sans enchaîner les redirections.",
        "ligne 10 : « /contact/ » est l'adresse d'une page publiée : la redirection ne servirait jamais "
        "(la page s'affiche à la place).",
        "ligne 11 : la nouvelle adresse est vide.",
        "ligne 12 : l'ancienne adresse « /bon » figure déjà à la ligne 2.",
    ]
    assert not Redirect.objects.filter(old_path="/bon").exists()


@pytest.mark.django_db
def test_skip_invalid_imports_the_good_rows_and_counts_the_refused(tmp_path):
    out, err = run(write_csv(tmp_path, BAD), "--skip-invalid")
    assert "Redirections : 1 créée, 0 mise à jour, 0 inchangée, 10 refusées." in out
    assert "ligne 6 :" in err
    assert Redirect.objects.get(old_path="/bon").redirect_page.title == "Contact"


@pytest.mark.django_db
def test_a_target_that_is_an_existing_redirect_is_refused(tmp_path):
    path = write_csv(tmp_path, "ancienne_adresse;nouvelle_adresse\n/vieux/;/histoire-du-centre/\n")
    _, err = run_refused(path)
    assert err.startswith("ligne 2 : « /histoire-du-centre/ » est elle-même une ancienne adresse redirigée")
    assert HISTORY in err


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "Le fichier est vide."),
        ("old;new\n/a/;/contact/\n", "La première ligne doit nommer les colonnes"),
    ],
)
def test_a_file_without_the_named_columns_is_refused(tmp_path, text, expected):
    message, _ = run_refused(write_csv(tmp_path, text))
    assert message.startswith(expected)


@pytest.mark.django_db
def test_a_file_not_in_utf8_is_refused_with_a_french_message(tmp_path):
    path = write_csv(tmp_path, "ancienne_adresse;nouvelle_adresse\n/café/;/contact/\n", encoding="latin-1")
    message, _ = run_refused(path)
    assert "n'est pas en UTF-8" in message


@pytest.mark.django_db
def test_a_missing_file_is_refused_with_a_french_message(tmp_path):
    message, _ = run_refused(tmp_path / "absent.csv")
    assert message.startswith("Impossible de lire")


@pytest.mark.django_db
def test_accented_and_overlong_old_addresses(client, tmp_path):
    long_path = "/" + "x" * 300 + "/"
    text = f"ancienne_adresse;nouvelle_adresse\n/intégration/;/contact/\n{long_path};/contact/\n"
    out, err = run(write_csv(tmp_path, text), "--skip-invalid")
    assert "1 créée" in out and "ligne 3 : l'ancienne adresse dépasse 255 caractères." in err
    assert client.get("/int%C3%A9gration/").status_code == 301


# The seeded redirects: every old address of the previous sites answers one 301 to a live page.


@pytest.mark.django_db
@pytest.mark.parametrize("old_path, new_path", content.REDIRECTS.items())
def test_every_seeded_redirect_answers_one_301_to_a_live_page(client, old_path, new_path):
    response = client.get(old_path)
    assert response.status_code == 301
    assert response["Location"] == new_path
    target = client.get(response["Location"])
    assert target.status_code == 200  # a live page at once: no chain of redirects
