"""The admin's export of contact form submissions, safe to open in a spreadsheet.

Wagtail's stock CSV export writes what visitors typed as it is: a message starting with "=" would run as a formula in
Excel or LibreOffice (its XLSX export already writes such cells as text). Here every CSV cell goes through the site's
one rule, ``pages.spreadsheets.neutralise``.
"""

from wagtail.contrib.forms.views import SubmissionsListView

from pages.spreadsheets import neutralise


class SafeSubmissionsListView(SubmissionsListView):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return neutralise(value)
        return value
