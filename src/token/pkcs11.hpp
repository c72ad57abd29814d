// The one place that includes the PKCS#11 C header (p11-kit's, with the standard OASIS names).
#pragma once

#include <p11-kit/pkcs11.h>
