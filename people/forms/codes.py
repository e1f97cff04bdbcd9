"""allauth's code forms with a keypad: the codes texted or emailed here are six digits
(``ALLAUTH_USER_CODE_FORMAT``), and so is an authenticator app's. ``inputmode="numeric"``
makes a phone show digits, ``autocomplete="one-time-code"`` lets it fill in the code from
the text message. (The two-step sign-in form is left as allauth has it: it also takes a
recovery code, which has letters.)"""

from allauth.account import forms as account_forms
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm

KEYPAD = {"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}


class KeypadCodeMixin:
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(KEYPAD)


class ConfirmLoginCodeForm(KeypadCodeMixin, account_forms.ConfirmLoginCodeForm):
    pass


class ConfirmEmailVerificationCodeForm(
    KeypadCodeMixin, account_forms.ConfirmEmailVerificationCodeForm
):
    pass


class ConfirmPasswordResetCodeForm(KeypadCodeMixin, account_forms.ConfirmPasswordResetCodeForm):
    pass


class ConfirmReauthenticationCodeForm(
    KeypadCodeMixin, account_forms.ConfirmReauthenticationCodeForm
):
    pass


class VerifyPhoneForm(KeypadCodeMixin, account_forms.VerifyPhoneForm):
    pass


class ActivateTOTPForm(KeypadCodeMixin, AllauthActivateTOTPForm):
    pass
