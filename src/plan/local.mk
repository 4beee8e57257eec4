# files of src/plan
