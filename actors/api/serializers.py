from rest_framework import serializers

from actors.models import Actor, Minister


class ActorSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(
        many=True,
        read_only=True,
        slug_field="alias",
        help_text="Other spellings of the code in the plan (misprints).",
    )
    notes = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Transcription notes."
    )

    class Meta:
        model = Actor
        fields = ["code", "slug", "name", "kind", "aliases", "notes"]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": "The code in address form."},
            "name": {"help_text": "The organisation's full name."},
            "kind": {"help_text": "What kind of organisation it is."},
        }


class MinisterSerializer(serializers.ModelSerializer):
    class Meta:
        model = Minister
        fields = ["slug", "title", "portfolio"]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": "The title in address form, used in URLs and `?minister=`."},
            "title": {"help_text": "The minister's title as the plan prints it."},
        }

    portfolio = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        help_text="The address of the portfolio the title belongs to (`?minister=` takes it).",
    )
