#include "engine/kernel/system_error_text.h"

#include <cerrno>
#include <cstring>

#include "engine/kernel/lang.h"

namespace dt {
namespace {

DT_PHRASE(kENOENT, "No such file or directory", "没有那个文件或目录");
DT_PHRASE(kEACCES, "Permission denied", "权限不足");
DT_PHRASE(kEISDIR, "Is a directory", "是一个目录");
DT_PHRASE(kENOTDIR, "Not a directory", "不是目录");
DT_PHRASE(kENOSPC, "No space left on device", "设备上没有剩余空间");
DT_PHRASE(kEROFS, "Read-only file system", "只读文件系统");
DT_PHRASE(kELOOP, "Too many levels of symbolic links", "符号链接层数过多");
DT_PHRASE(kENAMETOOLONG, "File name too long", "文件名过长");
DT_PHRASE(kEEXIST, "File exists", "文件已存在");
DT_PHRASE(kEIO, "Input/output error", "输入/输出错误");
DT_PHRASE(kEPIPE, "Broken pipe", "管道已断开");
DT_PHRASE(kEDQUOT, "Disk quota exceeded", "超出磁盘配额");
DT_PHRASE(kEMFILE, "Too many open files", "打开的文件过多");
DT_PHRASE(kENOMEM, "Cannot allocate memory", "无法分配内存");
DT_PHRASE(kEPERM, "Operation not permitted", "不允许的操作");
DT_PHRASE(kEBUSY, "Device or resource busy", "设备或资源忙");

const Phrase* phrase_for(int err) {
  switch (err) {
    case ENOENT:
      return &kENOENT;
    case EACCES:
      return &kEACCES;
    case EISDIR:
      return &kEISDIR;
    case ENOTDIR:
      return &kENOTDIR;
    case ENOSPC:
      return &kENOSPC;
    case EROFS:
      return &kEROFS;
    case ELOOP:
      return &kELOOP;
    case ENAMETOOLONG:
      return &kENAMETOOLONG;
    case EEXIST:
      return &kEEXIST;
    case EIO:
      return &kEIO;
    case EPIPE:
      return &kEPIPE;
    case EDQUOT:
      return &kEDQUOT;
    case EMFILE:
      return &kEMFILE;
    case ENOMEM:
      return &kENOMEM;
    case EPERM:
      return &kEPERM;
    case EBUSY:
      return &kEBUSY;
    default:
      return nullptr;
  }
}

}  // namespace

std::string system_error_text(int err) {
  // English stays strerror's own text, byte for byte (the C library may word an error differently).
  if (lang() == Lang::En) return std::strerror(err);
  const Phrase* p = phrase_for(err);
  return p != nullptr ? say(*p) : std::string(std::strerror(err));
}

}  // namespace dt
