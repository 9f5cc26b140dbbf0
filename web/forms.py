"""Flask-WTF forms (every form carries a CSRF token) and the mapping of domain errors onto form fields."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from workflow.errors import InvalidInput
from workflow.passwords import MAX_LENGTH


class SignInForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired("请输入用户名"), Length(max=100)])
    password = PasswordField("密码", validators=[DataRequired("请输入密码"), Length(max=MAX_LENGTH)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("当前密码", validators=[DataRequired("请输入当前密码")])
    new_password = PasswordField("新密码", validators=[DataRequired("请输入新密码")],
                                 description="至少 8 个字符，须同时包含字母和数字")
    confirm = PasswordField("再次输入新密码", validators=[
        DataRequired("请再次输入新密码"), EqualTo("new_password", "两次输入的新密码不一致")])


def show_domain_error(form: FlaskForm, error: InvalidInput) -> None:
    """Put ``error``'s message next to its field (or above the form when it names no field of ``form``)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
