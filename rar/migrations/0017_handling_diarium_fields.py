"""A document's number within its case, direction, date and source; numbers are filled in by the next migration."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rar', '0016_notis_handelse_meetings'),
    ]

    operations = [
        migrations.AddField(
            model_name='handling',
            name='datum',
            field=models.DateField(default=django.utils.timezone.localdate, help_text='Dagen handlingen kom in, upprättades eller skickades.', null=True, verbose_name='datum'),
        ),
        migrations.AddField(
            model_name='handling',
            name='kalla',
            field=models.CharField(blank=True, editable=False, help_text='Vad i processen som skapade handlingen; registreras bara en gång.', max_length=100, verbose_name='källa'),
        ),
        migrations.AddField(
            model_name='handling',
            name='nummer',
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name='löpnummer i ärendet'),
        ),
        migrations.AddField(
            model_name='handling',
            name='riktning',
            field=models.CharField(choices=[('inkommande', 'Inkommande'), ('upprattad', 'Upprättad'), ('utgaende', 'Utgående')], default='inkommande', max_length=10, verbose_name='riktning'),
        ),
        migrations.AddField(
            model_name='historicalhandling',
            name='datum',
            field=models.DateField(default=django.utils.timezone.localdate, help_text='Dagen handlingen kom in, upprättades eller skickades.', null=True, verbose_name='datum'),
        ),
        migrations.AddField(
            model_name='historicalhandling',
            name='kalla',
            field=models.CharField(blank=True, editable=False, help_text='Vad i processen som skapade handlingen; registreras bara en gång.', max_length=100, verbose_name='källa'),
        ),
        migrations.AddField(
            model_name='historicalhandling',
            name='nummer',
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name='löpnummer i ärendet'),
        ),
        migrations.AddField(
            model_name='historicalhandling',
            name='riktning',
            field=models.CharField(choices=[('inkommande', 'Inkommande'), ('upprattad', 'Upprättad'), ('utgaende', 'Utgående')], default='inkommande', max_length=10, verbose_name='riktning'),
        ),
    ]
