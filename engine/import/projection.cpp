#include "engine/import/projection.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <proj.h>

#include <mutex>
#include <stdexcept>

namespace dt::import {

namespace {

// PROJ is loaded when the first projection is made, not when drilltwin starts: libproj brings
// libcurl, libtiff, GnuTLS and Kerberos with it, whose loading would add about 15 ms to every
// command (docs/performance.md), and only `drilltwin import` needs it. The library's soname comes
// from the build (CMakeLists.txt: DRILLTWIN_PROJ_SONAME).
struct ProjApi {
  decltype(&proj_context_create) context_create = nullptr;
  decltype(&proj_context_destroy) context_destroy = nullptr;
  decltype(&proj_create) create = nullptr;
  decltype(&proj_destroy) destroy = nullptr;
  decltype(&proj_trans) trans = nullptr;
  decltype(&proj_context_errno) context_errno = nullptr;
  decltype(&proj_context_errno_string) errno_string = nullptr;
  std::string error;  // why it could not be loaded; empty when loaded
};

template <class F>
bool bind(void* lib, const char* name, F& f) {
  f = reinterpret_cast<F>(dlsym(lib, name));
  return f != nullptr;
}

const ProjApi& proj_api() {
  static ProjApi api;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = dlopen(DRILLTWIN_PROJ_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      const char* why = dlerror();
      api.error = fmt::format("PROJ ({}) could not be loaded: {}; scripts/install-deps.sh installs it", DRILLTWIN_PROJ_SONAME,
                              why != nullptr ? why : "unknown reason");
      return;
    }
    const bool all = bind(lib, "proj_context_create", api.context_create) &&
                     bind(lib, "proj_context_destroy", api.context_destroy) && bind(lib, "proj_create", api.create) &&
                     bind(lib, "proj_destroy", api.destroy) && bind(lib, "proj_trans", api.trans) &&
                     bind(lib, "proj_context_errno", api.context_errno) &&
                     bind(lib, "proj_context_errno_string", api.errno_string);
    if (!all) api.error = fmt::format("PROJ ({}) lacks a function drilltwin uses", DRILLTWIN_PROJ_SONAME);
  });
  return api;
}

}  // namespace

struct LocalProjection::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
};

LocalProjection::LocalProjection(LonLat centre) : impl_(std::make_unique<Impl>()) {
  const ProjApi& api = proj_api();
  if (!api.error.empty()) throw std::runtime_error(api.error);
  definition_ = fmt::format("+proj=tmerc +lat_0={:.9f} +lon_0={:.9f} +k=1 +x_0=0 +y_0=0 +ellps=WGS84", centre.lat, centre.lon);
  impl_->ctx = api.context_create();
  const std::string pipeline = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step " + definition_;
  impl_->pj = api.create(impl_->ctx, pipeline.c_str());
  if (impl_->pj == nullptr) {
    const std::string why = api.errno_string(impl_->ctx, api.context_errno(impl_->ctx));
    api.context_destroy(impl_->ctx);
    impl_->ctx = nullptr;
    throw std::runtime_error("PROJ: " + why);
  }
}

LocalProjection::~LocalProjection() {
  const ProjApi& api = proj_api();
  if (impl_->pj != nullptr) api.destroy(impl_->pj);
  if (impl_->ctx != nullptr) api.context_destroy(impl_->ctx);
}

PlanXY LocalProjection::forward(LonLat p) const {
  PJ_COORD in;
  in.v[0] = p.lon;
  in.v[1] = p.lat;
  in.v[2] = 0;
  in.v[3] = 0;
  const PJ_COORD r = proj_api().trans(impl_->pj, PJ_FWD, in);
  return {r.xy.x, r.xy.y};
}

}  // namespace dt::import
