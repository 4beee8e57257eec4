# files of src/container
