#include "engine/import/projection.h"

#include <fmt/format.h>
#include <proj.h>

#include <stdexcept>

namespace dt::import {

struct LocalProjection::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
};

LocalProjection::LocalProjection(LonLat centre) : impl_(std::make_unique<Impl>()) {
  definition_ = fmt::format("+proj=tmerc +lat_0={:.9f} +lon_0={:.9f} +k=1 +x_0=0 +y_0=0 +ellps=WGS84", centre.lat, centre.lon);
  impl_->ctx = proj_context_create();
  const std::string pipeline = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step " + definition_.substr(0);
  impl_->pj = proj_create(impl_->ctx, pipeline.c_str());
  if (impl_->pj == nullptr) {
    const std::string why = proj_context_errno_string(impl_->ctx, proj_context_errno(impl_->ctx));
    proj_context_destroy(impl_->ctx);
    throw std::runtime_error("PROJ: " + why);
  }
}

LocalProjection::~LocalProjection() {
  if (impl_->pj != nullptr) proj_destroy(impl_->pj);
  if (impl_->ctx != nullptr) proj_context_destroy(impl_->ctx);
}

PlanXY LocalProjection::forward(LonLat p) const {
  const PJ_COORD r = proj_trans(impl_->pj, PJ_FWD, proj_coord(p.lon, p.lat, 0, 0));
  return {r.xy.x, r.xy.y};
}

}  // namespace dt::import
