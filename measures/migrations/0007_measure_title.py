from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0006_plan_data_history"),
    ]

    # Measures loaded before titles existed start without one; `load_plan --apply` fills them
    # from the fixture.
    operations = [
        migrations.AddField(
            model_name="historicalmeasure",
            name="title",
            field=models.CharField(default="", max_length=200, verbose_name="title"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="measure",
            name="title",
            field=models.CharField(default="", max_length=200, verbose_name="title"),
            preserve_default=False,
        ),
    ]
