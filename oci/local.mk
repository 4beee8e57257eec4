# files of oci
