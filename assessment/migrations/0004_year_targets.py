"""Targets per year as data (YearTarget); 2021, if it exists, gets plan 703's targets (section I.3)."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def seed_plan_703(apps, schema_editor):
    from assessment.services.targets import PLAN_703_ROWS, PLAN_703_SOURCE, PLAN_703_YEAR, install

    year = apps.get_model("assessment", "AssessmentYear").objects.filter(year=PLAN_703_YEAR).first()
    if year is not None:
        install(apps.get_model("assessment", "YearTarget"), year, PLAN_703_ROWS, source=PLAN_703_SOURCE,
                is_demo=False)


class Migration(migrations.Migration):

    dependencies = [
        ('assessment', '0003_criterion_assignment'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='YearTarget',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('metric', models.CharField(choices=[('tsvm', 'Trong sạch, vững mạnh'), ('good', 'Tốt'), ('fair', 'Khá'), ('average', 'Trung bình'), ('weak', 'Yếu'), ('general', 'Cán bộ, công chức đạt tiêu chuẩn chung'), ('general_new_rural', 'Đạt tiêu chuẩn chung ở xã đạt chuẩn, cơ bản đạt chuẩn nông thôn mới'), ('cadre_professional', 'Cán bộ đạt tiêu chuẩn chuyên môn'), ('cadre_political', 'Cán bộ đạt tiêu chuẩn LLCT'), ('civil_servant_professional', 'Công chức đạt tiêu chuẩn chuyên môn'), ('civil_servant_university', 'Công chức có trình độ đại học trở lên'), ('civil_servant_political', 'Công chức có LLCT từ trung cấp trở lên'), ('office_solid', 'Trụ sở kiên cố'), ('office_area', 'Trụ sở đáp ứng tiêu chuẩn diện tích'), ('office_equipment', 'Đủ trang thiết bị thiết yếu'), ('procedure_posted', 'TTHC được niêm yết'), ('procedure_on_time', 'Hồ sơ giải quyết đúng hạn')], max_length=40, verbose_name='Chỉ tiêu')),
                ('comparison', models.CharField(choices=[('gte', 'Từ … trở lên (≥)'), ('gt', 'Trên (>)'), ('lte', 'Không quá (≤)'), ('lt', 'Dưới (<)')], default='gte', max_length=3, verbose_name='So sánh')),
                ('kind', models.CharField(choices=[('count', 'Số xã'), ('share', 'Tỷ lệ (%)')], default='share', max_length=5, verbose_name='Đơn vị')),
                ('value', models.DecimalField(decimal_places=1, max_digits=7, validators=[django.core.validators.MinValueValidator(0)], verbose_name='Giá trị')),
                ('source', models.CharField(blank=True, help_text='Văn bản giao chỉ tiêu, ví dụ: Kế hoạch 703/KH-UBND, mục I.3.', max_length=300, verbose_name='Nguồn, ghi chú')),
                ('is_demo', models.BooleanField(default=False, help_text='Số liệu dùng để trình diễn, không phải chỉ tiêu đã giao.', verbose_name='Giá trị minh họa')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='assessment.assessmentyear', verbose_name='Năm đánh giá')),
            ],
            options={
                'verbose_name': 'Chỉ tiêu của năm',
                'verbose_name_plural': 'Chỉ tiêu của năm',
                'ordering': ['year', 'metric'],
                'constraints': [models.UniqueConstraint(fields=('year', 'metric'), name='one_target_per_year_metric'), models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='target_value_not_negative'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'share'), _negated=True), ('value__lte', 100), _connector='OR'), name='target_share_at_most_100')],
            },
        ),
        migrations.RunPython(seed_plan_703, migrations.RunPython.noop),
    ]
