"""Every document has a number within its case and a date; a number, and a source, only once per case."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rar', '0018_number_existing_handlingar'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='handling',
            options={'ordering': ['arende', 'nummer'], 'verbose_name': 'handling', 'verbose_name_plural': 'handlingar'},
        ),
        migrations.AlterField(
            model_name='handling',
            name='datum',
            field=models.DateField(default=django.utils.timezone.localdate, help_text='Dagen handlingen kom in, upprättades eller skickades.', verbose_name='datum'),
        ),
        migrations.AlterField(
            model_name='handling',
            name='nummer',
            field=models.PositiveIntegerField(editable=False, verbose_name='löpnummer i ärendet'),
        ),
        migrations.AlterField(
            model_name='historicalhandling',
            name='datum',
            field=models.DateField(default=django.utils.timezone.localdate, help_text='Dagen handlingen kom in, upprättades eller skickades.', verbose_name='datum'),
        ),
        migrations.AlterField(
            model_name='historicalhandling',
            name='nummer',
            field=models.PositiveIntegerField(editable=False, verbose_name='löpnummer i ärendet'),
        ),
        migrations.AddConstraint(
            model_name='handling',
            constraint=models.UniqueConstraint(fields=('arende', 'nummer'), name='handling_unique_number_per_case', violation_error_message='Numret finns redan i ärendet.'),
        ),
        migrations.AddConstraint(
            model_name='handling',
            constraint=models.UniqueConstraint(condition=models.Q(('kalla', ''), _negated=True), fields=('arende', 'kalla'), name='handling_registered_once_per_source'),
        ),
        migrations.AddConstraint(
            model_name='handling',
            constraint=models.CheckConstraint(condition=models.Q(('nummer__gte', 1)), name='handling_number_positive'),
        ),
    ]
