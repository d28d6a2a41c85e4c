// A fixture module that includes another module and SQLite (tests/build/layering).
#include <sqlite3.h>

#include "b/b.h"
