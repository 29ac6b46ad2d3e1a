"""The columns of the directory's CSV files, the same for the import and the exports (see data/README.md)."""

# column → model field, in the files' order
COLUMNS = {
    "id": "key",
    "nom": "name",
    "description": "description",
    "thematiques": "thematiques",
    "commune": "commune",
    "adresse": "street",
    "code_postal": "postal_code",
    "latitude": "latitude",
    "longitude": "longitude",
    "telephone": "phone",
    "email": "email",
    "site_web": "website",
    "horaires": "hours",
    "langues": "languages",
    "gratuit": "free_of_charge",
}
FIELD_COLUMNS = {field: column for column, field in COLUMNS.items()}
THEMATIQUE_SEPARATOR = "|"


def entry_values(entry):
    """An entry's values by column: thématiques as a list of slugs, coordinates as Decimals (or None)."""
    values = {column: getattr(entry, field) for column, field in COLUMNS.items() if field != "thematiques"}
    values["thematiques"] = [theme.slug for theme in entry.ordered_thematiques()]
    return {column: values[column] for column in COLUMNS}
