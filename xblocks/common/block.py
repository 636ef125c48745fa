"""What both blocks do the same way: translations, the viewer, settings, rendering."""

from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader
from xblock.utils.settings import XBlockWithSettingsMixin

from xblocks.common import identity
from xblocks.common.errors import ActionError
from xblocks.common.i18n import Translator

common_loader = ResourceLoader(__name__)


class ServiceBlockMixin(XBlockWithSettingsMixin):
    """Mixed into a block that declares ``package`` and ``loader`` (its own ResourceLoader)."""

    package = ""
    loader: ResourceLoader

    def translator(self) -> Translator:
        return Translator(self.package, self.runtime.service(self, "i18n"))

    def viewer(self) -> identity.Viewer:
        return identity.current_viewer(self)

    def staff_only(self, t) -> identity.Viewer:
        """The viewer, if they teach the course; otherwise a 403 for the handler to answer."""
        viewer = self.viewer()
        if not viewer.course_staff:
            raise ActionError(
                t.gettext("Only the course team can change these settings."), "not_staff", 403
            )
        return viewer

    def bucket(self) -> dict:
        return self.get_xblock_settings(default={}) or {}

    def course_key(self) -> str:
        return identity.course_id(self, self.bucket())

    def usage_key(self) -> str:
        return identity.block_id(self)

    def fragment(self, template: str, context: dict, *, js: str, init: str, args: dict) -> Fragment:
        """A fragment of one of the block's templates with the shared and the block's assets."""
        frag = Fragment(self.loader.render_django_template(template, context))
        frag.add_css(common_loader.load_unicode("static/css/szpon.css"))
        frag.add_javascript(common_loader.load_unicode("static/js/szpon.js"))
        frag.add_javascript(self.loader.load_unicode(js))
        frag.initialize_js(init, args)
        return frag

    def studio_fragment(self, fields: list[dict], t, args: dict) -> Fragment:
        """The edit form shared by both blocks: labelled fields, help and per-field errors."""
        html = common_loader.render_django_template(
            "templates/studio_form.html",
            {
                "fields": fields,
                "heading": t.gettext("Settings"),
                "save": t.gettext("Save"),
                "cancel": t.gettext("Cancel"),
                "required": t.gettext("required"),
                "errors_title": t.gettext("Correct the marked fields:"),
            },
        )
        frag = Fragment(html)
        frag.add_css(common_loader.load_unicode("static/css/szpon.css"))
        frag.add_javascript(common_loader.load_unicode("static/js/szpon.js"))
        frag.add_javascript(common_loader.load_unicode("static/js/studio_form.js"))
        frag.initialize_js("SzponStudioForm", args)
        return frag
