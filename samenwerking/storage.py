"""Where space documents live: a storage no URL serves; only the download view reads it."""

from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """The file system outside MEDIA_ROOT, without URLs: a file's path is never a link."""

    def __init__(self, location=None, **kwargs):
        kwargs["base_url"] = None
        super().__init__(location=location, **kwargs)

    def url(self, name):
        raise ValueError("Documenten van samenwerkingsruimtes hebben geen openbare URL.")


def private_storage():
    return storages["samenwerking"]
