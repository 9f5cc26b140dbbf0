"""Administration (role ``admin``): the agency's staff accounts (roles, e-mail), the agency's facts (parent
government, 复议机关, court, region), and the calendar years — which are official, and installing a new year's
notice. Every change goes through ``workflow.services.setup`` or ``workflow.services.calendar_install``;
creating agencies stays the installation operator's ``xxgk agencies create``."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo

from rules.agencies import AGENCY_KIND_LABELS
from web.auth import roles_required
from web.forms import show_domain_error
from workflow.errors import InvalidInput
from workflow.legal_time import legal_today
from workflow.models import Role
from workflow.queries.calendar_years import calendar_uploads, calendar_years
from workflow.services import calendar_install, setup

bp = Blueprint("admin", __name__, url_prefix="/admin")
ROLE_LABELS = {Role.CLERK: "窗口受理", Role.REVIEWER: "法制审核", Role.SUPERVISOR: "负责人", Role.ADMIN: "系统管理"}
ROLE_CHOICES = [(role.value, label) for role, label in ROLE_LABELS.items()]


KIND_CHOICES = [(k.value, label) for k, label in AGENCY_KIND_LABELS.items()]


class NewUserForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired("请填写用户名")], description="如 gov.clerk3")
    name = StringField("姓名", validators=[DataRequired("请填写姓名")])
    password = PasswordField("初始密码", validators=[DataRequired("请填写初始密码")],
                             description="至少 8 个字符，须同时包含字母和数字；请当面告知本人并要求其修改")
    confirm = PasswordField("再次输入初始密码", validators=[EqualTo("password", "两次输入的密码不一致")])
    email = EmailField("电子邮箱（选填）", description="超期预警的每日汇总邮件发往此地址；不填则只在站内提醒")


class UserChangeForm(FlaskForm):
    password = PasswordField("重置密码（留空则不修改）")
    email = EmailField("电子邮箱")


class AgencyForm(FlaskForm):
    name = StringField("机关名称", validators=[DataRequired("请填写机关名称")])
    kind = StringField("机关类型")  # rendered as a choice of KIND_CHOICES
    region_code = StringField("行政区划代码", description="6 位国家标准代码，用于地方工作日安排")
    government = StringField("本级人民政府 / 上一级人民政府", description="部门填本级人民政府；人民政府填上一级人民政府")
    superior_department = StringField("上一级主管部门", description="垂直管理机关、司法行政部门填写")
    court = StringField("管辖法院", description="答复书告知的提起行政诉讼的法院")
    doc_code = StringField("机关代字", description="答复书文号用，如 东政")
    parent_id = StringField("上级人民政府（本系统中的机关）")  # rendered as a choice of _parent_choices()


class CalendarUploadForm(FlaskForm):
    file = FileField("放假安排数据文件（YYYY.toml）", validators=[
        FileRequired("请选择要上传的文件"), FileAllowed(["toml"], "只接受 .toml 文件（格式同 rules/calendar/data/YYYY.toml）")])
    replace = BooleanField("替换本系统此前安装的同一年份文件", description="仅用于更正本系统安装过的年份；随系统提供的年份不能替换")


def _factory():
    from web import session_factory
    return session_factory(current_app)


def _own_user(user_id: int) -> setup.UserView:
    """A user of the admin's own agency; 404 for any other (ids of other agencies are not discoverable)."""
    user = next((u for u in setup.list_users(_factory(), agency_id=current_user.agency_id) if u.id == user_id), None)
    if user is None:
        abort(404)
    return user


def _agency() -> setup.AgencyView:
    return next(a for a in setup.list_agencies(_factory()) if a.id == current_user.agency_id)


def _parent_choices(agency: setup.AgencyView) -> list[tuple[str, str]]:
    """The installation's governments that can be this agency's parent (itself excluded)."""
    governments = [a for a in setup.list_agencies(_factory())
                   if a.kind in setup.GOVERNMENT_KINDS and a.id != agency.id]
    return [("", "（不在本系统中：按下方填写的名称）")] + [(str(a.id), a.name) for a in governments]


def _calendar_dir():
    return current_app.config["XXGK_SETTINGS"].calendar_dir


def _page(new_user=None, agency_form=None, calendar_form=None, status=200):
    agency = _agency()
    return render_template(
        "admin/index.html", users=setup.list_users(_factory(), agency_id=current_user.agency_id),
        new_user=new_user or NewUserForm(formdata=None), agency=agency,
        agency_form=agency_form or AgencyForm(formdata=None, obj=agency), role_labels=ROLE_LABELS,
        role_choices=ROLE_CHOICES, kind_choices=KIND_CHOICES, parent_choices=_parent_choices(agency),
        years=calendar_years(legal_today(), _calendar_dir()), uploads=calendar_uploads(_factory()),
        calendar_form=calendar_form or CalendarUploadForm(formdata=None),
        max_kb=calendar_install.MAX_BYTES // 1024), status


@bp.get("/")
@roles_required(Role.ADMIN)
def index():
    return _page()


@bp.post("/users")
@roles_required(Role.ADMIN)
def create_user():
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = setup.create_user(_factory(), agency_id=current_user.agency_id, username=form.username.data,
                                     name=form.name.data, roles=request.form.getlist("roles"),
                                     password=form.password.data, email=form.email.data)
        except InvalidInput as error:
            show_domain_error(form, error)
        else:
            flash(f"已创建用户 {user.username}（{user.name}）", "success")
            return redirect(url_for("admin.index"))
    return _page(new_user=form, status=422)


@bp.post("/users/<int:user_id>")
@roles_required(Role.ADMIN)
def change_user(user_id: int):
    user, form = _own_user(user_id), UserChangeForm()
    action = request.form.get("action")
    try:
        if not form.validate_on_submit():
            raise InvalidInput("表单无效，请刷新后重试")
        if action == "roles":
            setup.set_roles(_factory(), user.id, request.form.getlist("roles"))
        elif action == "password" and form.password.data:
            setup.set_password(_factory(), user.id, form.password.data)
        elif action == "email":
            setup.set_email(_factory(), user.id, form.email.data)
        elif action in ("disable", "enable"):
            if user.id == current_user.id:
                raise InvalidInput("不能停用自己的账号")
            setup.set_active(_factory(), user.id, action == "enable")
        else:
            raise InvalidInput("未选择要执行的操作")
    except InvalidInput as error:
        flash(f"{user.username}：{error.message}", "error")
        return redirect(url_for("admin.index"))
    flash(f"已更新用户 {user.username}", "success")
    return redirect(url_for("admin.index"))


@bp.post("/agency")
@roles_required(Role.ADMIN)
def change_agency():
    form = AgencyForm()
    if form.validate_on_submit():
        values = {name: form[name].data for name in ("name", "kind", "region_code", "government",
                                                     "superior_department", "court", "doc_code")}
        try:  # a parent id that is no agency (a forged form) answers 404
            setup.update_agency(_factory(), current_user.agency_id, parent_id=_parent_id(form.parent_id.data),
                                **values)
        except InvalidInput as error:
            show_domain_error(form, error)
        else:
            flash("已更新机关信息", "success")
            return redirect(url_for("admin.index"))
    return _page(agency_form=form, status=422)


def _parent_id(value: str | None) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput("请从列表中选择上级人民政府", field="parent_id")
    return int(text)


@bp.post("/calendar")
@roles_required(Role.ADMIN)
def install_calendar():
    """Install a new year's notice; the page then lists this agency's cases whose due date changed."""
    form = CalendarUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            result = calendar_install.install_calendar_year(
                _factory(), content=upload.read(calendar_install.MAX_BYTES + 1), filename=upload.filename,
                directory=_calendar_dir(), today=legal_today(), actor_id=current_user.id,
                replace=form.replace.data)
        except InvalidInput as error:
            show_domain_error(form, error)
        else:
            return render_template("admin/calendar_installed.html", result=result,
                                   changes=result.changes_of(current_user.agency_id))
    return _page(calendar_form=form, status=422)
