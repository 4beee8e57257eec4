# files of src/runtime
