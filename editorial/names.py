"""The names staff read in the admin for the groups, collections and workflow (one source for each)."""

WRITERS = "Rédacteurs"
MODERATORS = "Modérateurs"
ADMINISTRATORS = "Administrateurs"

SITE_IMAGES = "Images du site"
PUBLICATIONS = "Publications"
TEAM = "Équipe"
PARTNER_LOGOS = "Logos partenaires"

REVIEW_WORKFLOW = "Relecture"
