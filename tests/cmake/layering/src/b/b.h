// A fixture module: a header module a includes.
#pragma once
