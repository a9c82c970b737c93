#include "engine/cli/mpi_session.h"

#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "engine/kernel/lang.h"

#ifdef DRILLTWIN_HAVE_MPI
#include <mpi.h>
#endif

namespace dt::cli {

namespace {
DT_PHRASE(kMpiInitFailed, "MPI_Init_thread failed", "MPI_Init_thread 调用失败");
DT_PHRASE(kMpiTooLarge, "MPI message too large", "MPI 消息过大");
DT_PHRASE(kNoMpi, "this drilltwin was built without MPI (-DDRILLTWIN_MPI=ON)", "此 drilltwin 编译时未启用 MPI（-DDRILLTWIN_MPI=ON）");
}  // namespace

bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(v) != nullptr) return true;
  return false;
}

#ifdef DRILLTWIN_HAVE_MPI

bool mpi_available() { return true; }

MpiSession::MpiSession() {
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    throw std::runtime_error(say(kMpiInitFailed));
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::barrier() const { MPI_Barrier(MPI_COMM_WORLD); }

void MpiSession::broadcast(std::string& bytes) const {
  unsigned long long n = bytes.size();
  MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  bytes.resize(n);
  // In pieces below INT_MAX bytes.
  constexpr std::size_t kPiece = 1u << 30;
  for (std::size_t at = 0; at < n; at += kPiece)
    MPI_Bcast(bytes.data() + at, static_cast<int>(std::min<std::size_t>(kPiece, n - at)), MPI_BYTE, 0, MPI_COMM_WORLD);
}

void MpiSession::send_to_root(const std::string& bytes, int tag) const {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::runtime_error(say(kMpiTooLarge));
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, tag, MPI_COMM_WORLD);
}

bool MpiSession::try_receive(std::string& bytes, int& source, int& tag) const {
  int flag = 0;
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
  if (!flag) return false;
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  bytes.resize(static_cast<std::size_t>(count));
  MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  source = status.MPI_SOURCE;
  tag = status.MPI_TAG;
  return true;
}

void MpiSession::abort(int status) const {
  MPI_Abort(MPI_COMM_WORLD, status);
  std::exit(status);
}

#else

bool mpi_available() { return false; }
MpiSession::MpiSession() { throw std::runtime_error(say(kNoMpi)); }
MpiSession::~MpiSession() = default;
void MpiSession::barrier() const {}
void MpiSession::broadcast(std::string&) const {}
void MpiSession::send_to_root(const std::string&, int) const {}
bool MpiSession::try_receive(std::string&, int&, int&) const { return false; }
void MpiSession::abort(int status) const { std::exit(status); }

#endif

}  // namespace dt::cli
