#!/usr/bin/env bash
# Bootstraps everything Concert's development and test commands need on a
# Debian 12 machine (as root): a pinned Python venv, a Docker engine, and the
# Debian 12 / Debian 13 base images for the Molecule stage.
# Idempotent and fast when everything is already there.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv
STAMP=$VENV/.requirements.sha256

log() { printf '[setup] %s\n' "$*"; }

setup_venv() {
    local want
    want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
    if [[ -f $STAMP && $(cat "$STAMP") == "$want" ]]; then
        log "venv up to date"
        return
    fi
    # Debian ships venv and ensurepip in python3-venv, which a fresh system lacks.
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
        log "installing python3-venv from Debian (python3 -m venv needs it)"
        apt_install python3-venv
    fi
    log "creating $VENV with pinned tools (requirements-dev.txt)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet -r requirements-dev.txt
    echo "$want" >"$STAMP"
}

# The example model project's own pinned packages (MLflow, scikit-learn), in a
# venv apart from the tools': they are what a data scientist's project needs.
EXAMPLE_VENV=$ROOT/.cache/example-venv
setup_example_venv() {
    local want stamp=$EXAMPLE_VENV/.requirements.sha256
    want=$(sha256sum examples/model/requirements.txt | cut -d' ' -f1)
    if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
        log "example project's venv up to date"
        return
    fi
    log "creating $EXAMPLE_VENV for examples/model (examples/model/requirements.txt)"
    rm -rf "$EXAMPLE_VENV"
    python3 -m venv "$EXAMPLE_VENV"
    "$EXAMPLE_VENV/bin/pip" install --quiet --upgrade pip
    "$EXAMPLE_VENV/bin/pip" install --quiet -r examples/model/requirements.txt
    echo "$want" >"$stamp"
}

# `.venv/bin/molecule` must work without activating the venv, but Molecule runs
# ansible-playbook and ansible-config by name: put the venv's bin first on PATH
# whenever its Python starts.
setup_venv_path() {
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo 'import os, sys; os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")' \
        >"$site/concert_venv_path.pth"
}

# ansible-test bootstraps pip in each sanity venv from a download that is out of
# reach here; it takes a saved copy instead (see scripts/get_pip_offline.py).
setup_ansible_test_pip() {
    local version
    version=$(grep -hoP "^\s+pip='\K[0-9.]+" \
        "$VENV"/lib/python3*/site-packages/ansible_test/_internal/python_requirements.py | head -1)
    [[ -n $version ]] || { log "could not tell which pip ansible-test wants"; exit 1; }
    mkdir -p ~/.ansible/test/cache
    install -m 0644 scripts/get_pip_offline.py "$HOME/.ansible/test/cache/get_pip_${version//./_}.py"
}

# Playbooks and unit tests run from the checkout resolve concert.mlops through
# this link (ansible.cfg's collections_path and PYTHONPATH point at it).
setup_collection_link() {
    mkdir -p .collections/ansible_collections/concert
    ln -sfn ../../.. .collections/ansible_collections/concert/mlops
}

# Refresh package lists only when they are missing or older than a day.
apt_lists_fresh() {
    if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -1) ]]; then
        apt-get update -q
    fi
}

apt_install() {
    apt_lists_fresh
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# promtool runs the rule tests (`make test`, part rules). It is unpacked from
# Debian's prometheus package into .cache/tools, not installed: the test
# machine needs no Prometheus service of its own.
setup_promtool() {
    local tools=$ROOT/.cache/tools unpacked
    [[ -x $tools/bin/promtool ]] && return 0
    log "unpacking promtool from Debian's prometheus package"
    apt_lists_fresh
    unpacked=$(mktemp -d)
    chmod 755 "$unpacked"  # apt downloads as _apt
    (cd "$unpacked" && apt-get download -q prometheus && dpkg-deb -x prometheus_*.deb root)
    mkdir -p "$tools/bin"
    cp "$unpacked/root/usr/bin/promtool" "$tools/bin/promtool"
    rm -rf "$unpacked"
    "$tools/bin/promtool" --version | head -1
}

# Programs the tests call besides the venv's: shellcheck (ansible-test sanity
# checks the shell scripts with it) and ssh-keygen (admin keys in the scenarios).
setup_system_tools() {
    local missing=()
    command -v shellcheck >/dev/null || missing+=(shellcheck)
    command -v ssh-keygen >/dev/null || missing+=(openssh-client)
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "installing ${missing[*]} from Debian"
        apt_install "${missing[@]}"
    fi
}

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

setup_docker() {
    if docker_answers; then
        log "docker engine answers"
        return
    fi
    if ! command -v dockerd >/dev/null; then
        log "installing the Docker engine from Debian (docker.io)"
        apt_install docker.io
    fi
    log "starting dockerd"
    if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
        systemctl start docker
    else
        nohup dockerd >/var/log/concert-dockerd.log 2>&1 &
    fi
    for _ in $(seq 60); do
        docker_answers && { log "docker engine answers"; return; }
        sleep 1
    done
    log "dockerd did not answer within 60 s; see /var/log/concert-dockerd.log"
    exit 1
}

# The machine's own Debian mirror, from its apt sources (deb822 or one-line format).
debian_mirror() {
    local uri
    uri=$(grep -hsE '^\s*URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' |
        grep -E '/debian/?$' | head -1 || true)
    if [[ -z $uri ]]; then
        uri=$(grep -hsE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
            awk '{print $2}' | grep -E '/debian/?$' | head -1 || true)
    fi
    [[ -n $uri ]] || { log "no Debian mirror found in the apt sources"; exit 1; }
    echo "$uri"
}

build_image() {
    local suite=$1 image=$2 mirror=$3 rootfs
    rootfs=$(mktemp -d /var/tmp/concert-rootfs-XXXX)
    log "building $image from $suite with debootstrap (about a minute)"
    debootstrap --variant=minbase \
        --include=python3,systemd,systemd-sysv,sudo,iproute2,procps,ca-certificates \
        "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 ||
        { tail -20 "$rootfs.log"; exit 1; }
    # Containers have no console to get a login prompt on, nor hardware to wait for.
    rm -f "$rootfs"/etc/systemd/system/getty.target.wants/* "$rootfs"/var/cache/apt/archives/*.deb
    : >"$rootfs/etc/machine-id"
    tar -C "$rootfs" -c . | docker import \
        --change 'CMD ["/lib/systemd/systemd"]' \
        --change 'ENV container=docker' - "$image" >/dev/null
    rm -rf "$rootfs" "$rootfs.log"
    log "built $image"
}

# A tiny image (busybox, about 2 MB) that scenarios hand to docker hosts inside
# the stage, since nothing can be pulled there.
build_workload_image() {
    local image=concert/busybox:stage rootfs
    docker image inspect "$image" >/dev/null 2>&1 && { log "image $image present"; return; }
    # The image has no libraries, so the binary must be the static build.
    if ! [[ -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then
        apt_install busybox-static
    fi
    rootfs=$(mktemp -d /var/tmp/concert-busybox-XXXX)
    mkdir -p "$rootfs"/{bin,tmp,www}
    cp /bin/busybox "$rootfs/bin/busybox"
    for applet in $(/bin/busybox --list); do
        [[ $applet == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
    done
    tar -C "$rootfs" -c . | docker import --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' - "$image" >/dev/null
    rm -rf "$rootfs"
    log "built $image"
}

setup_images() {
    local pids=() mirror=""
    local -A images=(
        [bookworm]=${CONCERT_IMAGE_DEBIAN12:-concert/debian:12}
        [trixie]=${CONCERT_IMAGE_DEBIAN13:-concert/debian:13}
    )
    for suite in "${!images[@]}"; do
        local image=${images[$suite]}
        if docker image inspect "$image" >/dev/null 2>&1; then
            log "image $image present"
            continue
        fi
        if [[ $image != concert/debian:* ]]; then
            log "pulling user-supplied image $image"
            docker pull "$image"
            continue
        fi
        command -v debootstrap >/dev/null || apt_install debootstrap
        [[ -n $mirror ]] || mirror=$(debian_mirror)
        build_image "$suite" "$image" "$mirror" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    build_workload_image
}

# What the steps below run before they can install anything themselves.
require_commands() {
    local missing=() command
    for command in python3 apt-get git; do
        command -v "$command" >/dev/null || missing+=("$command")
    done
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "missing: ${missing[*]}; on Debian: apt-get install python3 git (as root)"
        exit 1
    fi
}

step="${1:-all}"
require_commands
case $step in
venv) setup_venv && setup_venv_path && setup_ansible_test_pip && setup_collection_link ;;
example) setup_example_venv ;;
docker) setup_docker ;;
promtool) setup_promtool ;;
images) setup_docker && setup_images ;;
all) setup_venv && setup_venv_path && setup_ansible_test_pip && setup_collection_link && setup_example_venv && setup_system_tools && setup_promtool && setup_docker && setup_images ;;
*) echo "usage: $0 [venv|example|promtool|docker|images|all]" >&2; exit 2 ;;
esac
