"""How the OpenAPI schema describes LMS JWT authentication."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class LmsJwtScheme(OpenApiAuthenticationExtension):
    target_class = "collab_service.accounts.authentication.LmsJwtAuthentication"
    name = "lmsJwt"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A JWT issued by the Open edX LMS: `JWT <token>` (or `Bearer <token>`).",
        }
