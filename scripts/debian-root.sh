# Sourced by check-fresh.sh and check-deb.sh: a clean minimal Debian 12 to run things in.
# new_root DIR   makes DIR a fresh bookworm minbase system with /proc, /dev and the host's apt
#                package cache mounted (debootstrap runs once per CI run: its result is kept as a
#                tarball in $TIERLENS_ROOT_CACHE and unpacked for every further root).
# in_root CMD…   runs CMD inside the last root made, with a clean environment.
# Needs root and debootstrap. DEBIAN_MIRROR overrides the mirror.

TIERLENS_ROOT_CACHE=${TIERLENS_ROOT_CACHE:-${TMPDIR:-/var/tmp}/tierlens-bookworm-minbase.tar}
debian_roots=()

debian_root_cleanup() {
    local r
    for r in "${debian_roots[@]}"; do
        # Unmount deepest first; a root left mounted would make rm -rf walk into the host.
        for m in var/cache/apt/archives dev/shm dev/pts dev proc; do
            mountpoint -q "$r/$m" && umount -l "$r/$m"
        done
        rm -rf --one-file-system "$r"
    done
}

new_root() {
    local root=$1
    debian_roots+=("$root")
    if [ ! -s "$TIERLENS_ROOT_CACHE" ]; then
        local mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian} fresh
        fresh=$(mktemp -d "${TMPDIR:-/var/tmp}/tierlens-debootstrap.XXXXXX")
        if ! debootstrap --variant=minbase bookworm "$fresh" "$mirror" >"$fresh.log" 2>&1; then
            tail -n 30 "$fresh.log" >&2
            rm -rf --one-file-system "$fresh" "$fresh.log"
            return 1
        fi
        tar -C "$fresh" -cf "$TIERLENS_ROOT_CACHE.part" . && mv "$TIERLENS_ROOT_CACHE.part" "$TIERLENS_ROOT_CACHE"
        rm -rf --one-file-system "$fresh" "$fresh.log"
    fi
    tar -C "$root" -xf "$TIERLENS_ROOT_CACHE"
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mount --bind /dev/pts "$root/dev/pts"
    mount -t tmpfs tmpfs "$root/dev/shm"
    # The host's downloaded packages: apt only fetches what the host has not already got.
    mkdir -p /var/cache/apt/archives/partial
    mount --bind /var/cache/apt/archives "$root/var/cache/apt/archives"
    debian_root=$root
}

in_root() {
    chroot "$debian_root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}

# In a fresh root apt cannot download as its _apt user; it would warn and go on as root anyway.
apt_in_root=(apt-get -q -o APT::Sandbox::User=root)
