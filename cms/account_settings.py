"""django-allauth's and its two-step verification's settings that read nothing from the
environment, kept out of ``cms/settings.py`` (which imports them all) so that the one settings
module stays readable; the ones that do read it (WeChat's app, the TOTP issuer) are there.
Like ``cms/csp_policies.py``."""

# Sign up and sign in with an email address or a mainland mobile number,
# with a password or a one-time code. Codes to phones go through people.sms.
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
# "Signed in as 李秀兰", not as the internal username allauth made up at sign-up.
ACCOUNT_USER_DISPLAY = "people.models.users.display_name"
ACCOUNT_FORMS = {
    "signup": "people.forms.accounts.SignupForm",
    "change_phone": "people.forms.accounts.ChangePhoneForm",
    "request_login_code": "people.forms.accounts.RequestLoginCodeForm",
    "login": "people.forms.accounts.LoginForm",
    "change_password": "people.forms.accounts.ChangePasswordForm",
    # Code boxes that bring up the phone's keypad and take the code from the text message.
    "confirm_login_code": "people.forms.codes.ConfirmLoginCodeForm",
    "confirm_email_verification_code": "people.forms.codes.ConfirmEmailVerificationCodeForm",
    "confirm_password_reset_code": "people.forms.codes.ConfirmPasswordResetCodeForm",
    "confirm_reauthentication_code": "people.forms.codes.ConfirmReauthenticationCodeForm",
    "verify_phone": "people.forms.codes.VerifyPhoneForm",
}
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
# Either is enough (SignupForm asks for one of the two), so neither is "required" to allauth;
# that makes allauth warn (account.W001), silenced below.
ACCOUNT_SIGNUP_FIELDS = ["email", "phone", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
# A text message can go astray: at sign-up she may ask for the code again, or fix a mistyped
# number (twice each).
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_CHANGE = True
# Codes the way Chinese services send them: six digits.
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
# Failed logins: 5 per account per 15 minutes, after which that account waits; the window
# slides, so nobody can lock a victim out for longer than that by guessing.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/m/ip,5/15m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "change_phone": "3/h/user",
    "verify_phone": "3/m/key,20/m/ip",
}
SOCIALACCOUNT_ADAPTER = "people.adapters.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "people.forms.wechat.WeChatSignupForm"}
# Always the sign-up form (name and mobile number), never an account made from WeChat alone.
SOCIALACCOUNT_AUTO_SIGNUP = False
# Two-step verification (authenticator app, recovery codes) for staff: people/mfa.py.
# Its secrets are encrypted at rest with FIELD_ENCRYPTION_KEYS (people.adapters.MfaAdapter).
MFA_ADAPTER = "people.adapters.MfaAdapter"
MFA_FORMS = {"activate_totp": "people.forms.codes.ActivateTOTPForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
