#pragma once

#include "bundle/bundle.h"
#include "core/data/problem.h"

#include <string>

namespace tierlens {

/// Checks a bundle's manifest.json against the entries actually inflated: the schema, every
/// entry listed once, nothing listed that is absent, and each size and SHA-256 equal.
class BundleManifestCheck {
public:
    static Problems check(const QByteArray& manifest, const Bundle& b, const std::string& source);
};

} // namespace tierlens
