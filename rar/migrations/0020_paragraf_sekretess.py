"""A paragraph can be marked secret: the public protocol on the notice board then shows only "§ N – sekretess"."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rar', '0019_handling_number_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalparagraf',
            name='sekretess',
            field=models.BooleanField(default=False, help_text='Paragrafen innehåller uppgifter som omfattas av sekretess.', verbose_name='sekretess'),
        ),
        migrations.AddField(
            model_name='paragraf',
            name='sekretess',
            field=models.BooleanField(default=False, help_text='Paragrafen innehåller uppgifter som omfattas av sekretess.', verbose_name='sekretess'),
        ),
    ]
