"""The search form: the query and two filters, read from the query string and validated here."""

from django import forms

from thematiques.filters import thematique_choices

from .kinds import Kind

MAX_QUERY_LENGTH = 200
INVALID_CHARACTER = "Caractère non valide dans la recherche."


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher sur le site",
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
    )
    type = forms.ChoiceField(label="Type de résultat", required=False, choices=[("", "Tous les types"), *Kind.choices])
    thematique = forms.ChoiceField(label="Thématique", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thematique"].choices = [("", "Toutes les thématiques"), *thematique_choices()]
        self.truncated = False
        self.fields["q"].validators = []  # Django's NUL check, in English words; clean_q says it in French

    def clean_q(self):
        query = self.cleaned_data["q"]
        # The middleware refuses control characters in the address already; this holds if a form ever posts one.
        if "\x00" in query or any(ord(character) < 32 for character in query):
            raise forms.ValidationError(INVALID_CHARACTER, code="invalid_character")
        if len(query) > MAX_QUERY_LENGTH:
            self.truncated = True
            query = query[:MAX_QUERY_LENGTH].strip()
        return query
