# The two commands of the README: `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= 2
BUILD_TYPE ?= Release
CMAKE_FLAGS ?=

.PHONY: run test deps configure build bench deb clean format

run: build
	$(BUILD_DIR)/app/tierlens

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

deps:
	./scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

bench: build
	$(BUILD_DIR)/bench/tierlens-bench
	QT_QPA_PLATFORM=offscreen $(BUILD_DIR)/bench/tierlens-gui-bench

# A Debian package of the install tree (build/tierlens_<version>_<arch>.deb); Depends are computed.
deb: build
	cd $(BUILD_DIR) && cpack -G DEB

clean:
	rm -rf $(BUILD_DIR)

# Rewrites every C++ file as .clang-format says (CI checks it with scripts/check-format.sh).
format:
	./scripts/check-format.sh --fix
