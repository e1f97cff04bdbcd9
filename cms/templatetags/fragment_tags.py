"""``{% keep "name" %}…{% endkeep %}``: a part of a page kept rendered (see ``cms.fragments``).

Shows the kept HTML of the part if the page found it current, else renders the part and
keeps it. On a page that did not look the part up (or in a preview) it only renders.
``{% keep "name" unless mine %}``: rendered for this visitor alone (neither kept nor taken
from what is kept) when ``mine`` is true, e.g. her own bookings are in it."""

from django import template
from django.utils.safestring import mark_safe

from cms.fragments import CONTEXT_NAME

register = template.Library()


class KeepNode(template.Node):
    def __init__(
        self, name: str, nodelist: template.NodeList, unless: template.base.FilterExpression | None
    ) -> None:
        self.name = name
        self.nodelist = nodelist
        self.unless = unless

    def render(self, context: template.Context) -> str:
        kept = context.get(CONTEXT_NAME)
        if kept is None or (self.unless is not None and self.unless.resolve(context)):
            return self.nodelist.render(context)
        html = kept.get(self.name)
        if html is None:
            html = self.nodelist.render(context)
            kept.keep(self.name, html)
        return mark_safe(html)  # noqa: S308 (the part's own rendering, kept as it was)


@register.tag
def keep(parser: template.base.Parser, token: template.base.Token) -> KeepNode:
    bits = token.split_contents()
    named = len(bits) >= 2 and bits[1][0] in "\"'" and bits[1][0] == bits[1][-1]
    if not named or len(bits) not in (2, 4) or (len(bits) == 4 and bits[2] != "unless"):
        raise template.TemplateSyntaxError(
            'Usage: {% keep "name" %}…{% endkeep %} or {% keep "name" unless condition %}'
        )
    unless = parser.compile_filter(bits[3]) if len(bits) == 4 else None
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(bits[1][1:-1], nodelist, unless)
