import django.db.models.deletion
from django.db import migrations, models

import sessions.models


class Migration(migrations.Migration):
    """Photos belong to the programme app: the model moves from events with its rows (0005 carries its history)."""

    dependencies = [
        ("programme", "0003_delivery_pre_recorded_message"),
        ("events", "0008_photo_to_programme"),
        # The groups get events.photo's permissions before the model moves (they keep them by id, see 0005).
        ("events", "0003_secretariat_group"),
        ("translators", "0002_translator_group"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table is events' photo table, renamed by events 0008_photo_to_programme.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Photo",
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('image', models.ImageField(height_field='height', upload_to=sessions.models.photo_upload_to, verbose_name='image', width_field='width')),
                        ('width', models.PositiveIntegerField(editable=False, null=True, verbose_name='width')),
                        ('height', models.PositiveIntegerField(editable=False, null=True, verbose_name='height')),
                        ('caption', models.CharField(blank=True, max_length=500, verbose_name='caption')),
                        ('caption_en', models.CharField(blank=True, max_length=500, null=True, verbose_name='caption')),
                        ('caption_ru', models.CharField(blank=True, max_length=500, null=True, verbose_name='caption')),
                        ('caption_uz', models.CharField(blank=True, max_length=500, null=True, verbose_name='caption')),
                        ('caption_kk', models.CharField(blank=True, max_length=500, null=True, verbose_name='caption')),
                        ('caption_ky', models.CharField(blank=True, max_length=500, null=True, verbose_name='caption')),
                        ('caption_tg', models.CharField(blank=True, max_length=500, null=True, verbose_name='caption')),
                        ('caption_tk', models.CharField(blank=True, max_length=500, null=True, verbose_name='caption')),
                        ('alt', models.CharField(blank=True, help_text='What the photo shows, for people who cannot see it.', max_length=500, verbose_name='alternative text')),
                        ('alt_en', models.CharField(blank=True, help_text='What the photo shows, for people who cannot see it.', max_length=500, null=True, verbose_name='alternative text')),
                        ('alt_ru', models.CharField(blank=True, help_text='What the photo shows, for people who cannot see it.', max_length=500, null=True, verbose_name='alternative text')),
                        ('alt_uz', models.CharField(blank=True, help_text='What the photo shows, for people who cannot see it.', max_length=500, null=True, verbose_name='alternative text')),
                        ('alt_kk', models.CharField(blank=True, help_text='What the photo shows, for people who cannot see it.', max_length=500, null=True, verbose_name='alternative text')),
                        ('alt_ky', models.CharField(blank=True, help_text='What the photo shows, for people who cannot see it.', max_length=500, null=True, verbose_name='alternative text')),
                        ('alt_tg', models.CharField(blank=True, help_text='What the photo shows, for people who cannot see it.', max_length=500, null=True, verbose_name='alternative text')),
                        ('alt_tk', models.CharField(blank=True, help_text='What the photo shows, for people who cannot see it.', max_length=500, null=True, verbose_name='alternative text')),
                        ('credit', models.CharField(blank=True, max_length=200, verbose_name='credit')),
                        ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                        ('conference', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='events.conference', verbose_name='conference')),
                        ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='photos', to='programme.session', verbose_name='session')),
                    ],
                    options={
                        'verbose_name': 'photo',
                        'verbose_name_plural': 'photos',
                        'ordering': ('conference', 'order', 'id'),
                    },
                ),
            ],
        ),
    ]
