"""The Content-Security-Policies (django-csp), read by the settings and applied by
``cms.security``: fixed policy, not configuration, so they live apart from the settings."""

from csp.constants import NONE, SELF, UNSAFE_INLINE

# Content-Security-Policy (django-csp). The site runs no script of its own and no inline
# style; images may be data: URIs (the authenticator QR code on the two-step setup page).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}
# Additions for the pages under a path (cms.security). The page that starts a WeChat sign-in
# (/accounts/weixin/login/) posts a form whose answer is a redirect to WeChat's sign-in page,
# and browsers check that redirect against form-action.
CONTENT_SECURITY_POLICY_UPDATES = {
    "/accounts/weixin/": {"form-action": ["https://open.weixin.qq.com"]}
}
# The Wagtail and Django admins (cms.security): their pages carry inline scripts (Wagtail's
# configuration, the page editor's panels) and inline styles, and the editor previews pages
# in a same-origin frame and reads images as blob: URLs while uploading.
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}
