#include "viewer/crowd_layer.h"

#include <osg/Geode>
#include <osg/Point>
#include <osg/PointSprite>
#include <osg/Program>

#include "viewer/palette.h"

namespace dtv {

namespace {

// GLSL 1.20 (compatibility profile, as Mesa's llvmpipe offers it). gl_ClipVertex keeps the floor
// camera's clip plane working for the points.
const char* kVertexShader = R"(#version 120
uniform float pixels_per_metre;
uniform float person_size_m;
void main() {
  vec4 eye = gl_ModelViewMatrix * gl_Vertex;
  gl_Position = gl_ProjectionMatrix * eye;
  gl_ClipVertex = eye;
  float d = max(-eye.z, 0.1);
  gl_PointSize = clamp(person_size_m * gl_MultiTexCoord0.x * pixels_per_metre / d, 4.0, 32.0);
  gl_FrontColor = gl_Color;
}
)";

const char* kFragmentShader = R"(#version 120
void main() {
  vec2 c = gl_PointCoord - vec2(0.5);
  if (dot(c, c) > 0.25) discard;
  gl_FragColor = gl_Color;
}
)";

constexpr float kStaffScale = 1.6f;

}  // namespace

CrowdLayer::CrowdLayer(std::size_t people, std::span<const trace::PersonInfo> info)
    : geode_(new osg::Geode),
      geometry_(new osg::Geometry),
      vertices_(new osg::Vec3Array(static_cast<unsigned>(people))),
      colors_(new osg::Vec4ubArray(static_cast<unsigned>(people))),
      scale_(new osg::Uniform("pixels_per_metre", 800.0f)) {
  osg::ref_ptr<osg::Vec2Array> size = new osg::Vec2Array(static_cast<unsigned>(people));
  for (std::size_t p = 0; p < people; ++p)
    (*size)[static_cast<unsigned>(p)].set(p < info.size() && info[p].kind == trace::PersonKind::Staff ? kStaffScale : 1.0f, 0);
  vertices_->setDataVariance(osg::Object::DYNAMIC);
  colors_->setDataVariance(osg::Object::DYNAMIC);
  geometry_->setVertexArray(vertices_.get());
  geometry_->setColorArray(colors_.get(), osg::Array::BIND_PER_VERTEX);
  colors_->setNormalize(true);
  geometry_->setTexCoordArray(0, size.get(), osg::Array::BIND_PER_VERTEX);
  geometry_->addPrimitiveSet(new osg::DrawArrays(GL_POINTS, 0, static_cast<GLsizei>(people)));
  geometry_->setUseDisplayList(false);
  geometry_->setUseVertexBufferObjects(true);
  geometry_->setDataVariance(osg::Object::DYNAMIC);
  geode_->addDrawable(geometry_.get());
  geode_->setCullingActive(false);  // the bound moves with the people

  osg::StateSet* ss = geode_->getOrCreateStateSet();
  osg::ref_ptr<osg::Program> program = new osg::Program;
  program->addShader(new osg::Shader(osg::Shader::VERTEX, kVertexShader));
  program->addShader(new osg::Shader(osg::Shader::FRAGMENT, kFragmentShader));
  ss->setAttributeAndModes(program.get());
  ss->addUniform(scale_.get());
  ss->addUniform(new osg::Uniform("person_size_m", kPersonSize_m));
  ss->setMode(GL_VERTEX_PROGRAM_POINT_SIZE, osg::StateAttribute::ON);
  ss->setTextureAttributeAndModes(0, new osg::PointSprite, osg::StateAttribute::ON);
  // After the translucent bin: people keep their colours behind see-through floors.
  ss->setRenderBinDetails(20, "RenderBin");
}

void CrowdLayer::update(std::span<const trace::Vec3f> position, std::span<const trace::PersonState> state) {
  const std::size_t n = std::min<std::size_t>(vertices_->size(), std::min(position.size(), state.size()));
  for (std::size_t p = 0; p < n; ++p) {
    const auto i = static_cast<unsigned>(p);
    (*vertices_)[i].set(position[p].x, position[p].y, position[p].z + kPersonLift_m);
    (*colors_)[i] = state_rgba(state[p]);
  }
  vertices_->dirty();
  colors_->dirty();
  geometry_->dirtyBound();
}

void CrowdLayer::set_pixels_per_metre(float px) { scale_->set(px); }

}  // namespace dtv
