"""The one stream of body blocks shared by courses, classes and stories."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading inside the body text.")
        preview_value = "培训安排"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Paragraph")
        description = _("Running text with bold, italics, links and lists.")
        preview_value = (
            "<p>爱心妈妈每月至少入户走访一次，做到家庭情况必清、学习情况必清、生活问题必清。</p>"
        )


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        label = _("Image")
        description = _("A picture with an optional caption; its alt text comes from the image.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=100)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("Words of a mother, a lecturer or a coordinator.")
        preview_value = {
            "text": "培训让我学会了如何与结对儿童建立良好、信任的帮扶关系。",
            "attribution": "一位爱心妈妈",
        }


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=100)
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = _("Notice")
        description = _("A highlighted box: what to bring, who may join, a reminder.")
        preview_value = {"title": "温馨提示", "text": "请携带身份证，提前十分钟到场签到。"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
